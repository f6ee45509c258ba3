package io.chatvideo.recording.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploads made to fool the engine: text playlists and concat scripts that name another file, a
 * container that is not its declared type, codecs and streams the type does not promise, headers
 * whose duration lies, a file cut short. Each states the safe answer: a fixed reason, a message
 * with no path in it, nothing written, the other file never read.
 */
class HostileMediaIT {

  private static final ContentType WEBM = ContentType.parse("video/webm");
  private static final ContentType MP4 = ContentType.parse("video/mp4");
  private static final ContentType M4A = ContentType.parse("audio/mp4");
  private static final Duration LONGEST = Duration.ofHours(12);

  @TempDir
  Path dir;

  FfmpegMediaProcessor engine;
  /** Another user's rendition, in a folder beside the upload's as the local store lays them out. */
  Path victim;
  Path uploads;
  Path chromium;

  @BeforeEach
  void setUp() throws IOException {
    engine = new FfmpegMediaProcessor(FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow(() ->
        new AssertionError("ffmpeg and ffprobe must be on PATH: bin/test installs Debian's ffmpeg")));
    Path victims = Files.createDirectories(dir.resolve("objects/recordings/victim-room"));
    victim = victims.resolve("20260101-victim-rendition.mp4");
    assertThat(Media.run("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=s=160x120:r=10:d=2",
        "-f", "lavfi", "-i", "sine=f=440:d=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
        "-shortest", victim.toString())).isEmpty();
    uploads = Files.createDirectories(dir.resolve("processing/attacker"));
    chromium = Media.fixture("chromium-mediarecorder-3s.webm", Files.createDirectories(dir.resolve("fixtures")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"audio/mp4", "video/mp4", "video/webm", "audio/webm"})
  void anHlsPlaylistNamingAnotherUsersRenditionByRelativePathIsNotMedia(String type) throws IOException {
    Path upload = upload("#EXTM3U\n#EXT-X-TARGETDURATION:8\n#EXTINF:8.0,\n"
        + "../../objects/recordings/victim-room/" + victim.getFileName() + "\n#EXT-X-ENDLIST\n", type);

    refused(upload, ContentType.parse(type), Reason.NOT_MEDIA);
  }

  @ParameterizedTest
  @ValueSource(strings = {"audio/mp4", "video/mp4", "video/webm"})
  void anHlsPlaylistNamingAnotherUsersRenditionByAbsolutePathIsNotMedia(String type) throws IOException {
    Path upload = upload("#EXTM3U\n#EXT-X-TARGETDURATION:8\n#EXTINF:8.0,\n" + victim + "\n#EXTINF:8.0,\nfile:"
        + victim + "\n#EXT-X-ENDLIST\n", type);

    refused(upload, ContentType.parse(type), Reason.NOT_MEDIA);
  }

  @ParameterizedTest
  @ValueSource(strings = {"audio/mp4", "video/mp4", "video/webm"})
  void aConcatScriptNamingAnotherUsersRenditionIsNotMedia(String type) throws IOException {
    Path upload = upload("ffconcat version 1.0\nfile '" + victim + "'\nfile '../../objects/recordings/victim-room/"
        + victim.getFileName() + "'\n", type);

    refused(upload, ContentType.parse(type), Reason.NOT_MEDIA);
  }

  @Test
  void aPlaylistWithHugeDurationsIsNotMediaAndAnsweredAtOnce() throws IOException {
    StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:99999999\n");
    for (int i = 0; i < 200; i++) {
      playlist.append("#EXTINF:99999999.0,\n").append(uploads.resolve("playlist.m4a")).append('\n');
    }
    Path upload = upload(playlist.append("#EXT-X-ENDLIST\n").toString(), "audio/mp4");
    Instant started = Instant.now();

    refused(upload, M4A, Reason.NOT_MEDIA);

    assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void noStepReadsAPlaylistEvenWhenAskedWithoutAProbe() throws IOException {
    Path upload = upload("#EXTM3U\n#EXTINF:8.0,\n" + victim + "\n#EXT-X-ENDLIST\n", "video/mp4");
    MediaInfo claimed = new MediaInfo(Duration.ofSeconds(8), Optional.of(new MediaInfo.VideoStream("h264", 160, 120)),
        Optional.of(new MediaInfo.AudioStream("aac")));

    assertThatThrownBy(() -> engine.remuxSeekable(upload, claimed, MP4, dir.resolve("seekable.mp4")))
        .isInstanceOf(MediaProcessingException.class);
    assertThatThrownBy(() -> engine.transcodeMp4(upload, MP4, claimed, dir.resolve("rendition.mp4")))
        .isInstanceOf(MediaProcessingException.class);
    assertThatThrownBy(() -> engine.thumbnail(upload, MP4, claimed, 160, dir.resolve("poster.jpg")))
        .isInstanceOf(MediaProcessingException.class);
    assertThat(written()).isEmpty();
  }

  @Test
  void aRealWebmDeclaredAsMp4IsNotMedia() {
    refused(chromium, MP4, Reason.NOT_MEDIA);
    refused(chromium, M4A, Reason.NOT_MEDIA);
  }

  @Test
  void aRealMp4DeclaredAsWebmIsNotMedia() {
    refused(victim, WEBM, Reason.NOT_MEDIA);
    refused(victim, ContentType.parse("audio/webm"), Reason.NOT_MEDIA);
  }

  @Test
  void anMp4WithVideoDeclaredAsAudioIsUnsupported() {
    MediaProcessingException refused = refused(victim, M4A, Reason.UNSUPPORTED);

    assertThat(refused).as("no decoder of a codec the type does not allow ever runs").hasMessage("audio/mp4 does not allow h264");
  }

  @Test
  void aWebmWithACodecItsTypeDoesNotAllowIsUnsupportedBeforeItsDecoderRuns() {
    Path mjpeg = make("mjpeg.webm", "-f", "lavfi", "-i", "testsrc=s=160x120:r=10:d=2", "-c:v", "mjpeg", "-f",
        "matroska");

    MediaProcessingException refused = refused(mjpeg, WEBM, Reason.UNSUPPORTED);

    assertThat(refused).hasMessage("video/webm does not allow mjpeg");
  }

  @Test
  void aWebmWithTwoAudioStreamsIsUnsupported() {
    Path two = make("two-voices.webm", "-f", "lavfi", "-i", "sine=f=440:d=2", "-f", "lavfi", "-i", "sine=f=880:d=2",
        "-map", "0", "-map", "1", "-c:a", "libopus", "-f", "webm");

    MediaProcessingException refused = refused(two, ContentType.parse("audio/webm"), Reason.UNSUPPORTED);

    assertThat(refused).hasMessageContaining("at most one video and one audio stream");
  }

  @Test
  void aRecordingLongerThanTheLongestProcessedIsTooLongAndItsListingStopsThere() {
    MediaProcessingException refused = refused(chromium, WEBM, Duration.ofSeconds(1), Reason.TOO_LONG);

    assertThat(refused).hasMessage("the recording runs longer than 1 s, the longest processed here");
  }

  @Test
  void aHeaderThatSaysShorterThanThePacketsDoesNotFailTheRecording() throws IOException {
    Path lying = withHeaderDuration("short-header.webm", 1.0);
    double packets = Media.packetSeconds(lying);
    assertThat(Media.headerSeconds(lying)).isEqualTo(1.0);

    MediaInfo info = engine.probe(lying, WEBM, LONGEST);
    MediaInfo seekable = engine.remuxSeekable(lying, info, WEBM, dir.resolve("seekable.webm"));
    MediaInfo mp4 = engine.transcodeMp4(dir.resolve("seekable.webm"), WEBM, info, dir.resolve("rendition.mp4"));

    assertThat(info.duration().toMillis() / 1000.0).isCloseTo(packets, within(0.05));
    assertThat(Media.headerSeconds(dir.resolve("seekable.webm"))).isCloseTo(packets, within(0.25));
    assertThat(Media.headerSeconds(dir.resolve("rendition.mp4"))).isCloseTo(packets, within(0.25));
    assertThat(seekable.duration()).isEqualTo(Duration.ofNanos(Math.round(
        Media.headerSeconds(dir.resolve("seekable.webm")) * 1e9)));
    assertThat(mp4.video()).contains(new MediaInfo.VideoStream("h264", 320, 180));
  }

  @Test
  void aHiddenHeaderThatSaysLongerThanThePacketsGivesNeitherTheDurationNorTheTimeLimits() throws IOException {
    Path lying = withHeaderDuration("long-header.webm", 300_000.0);
    assertThat(Media.headerSeconds(lying)).isEqualTo(300_000.0);

    MediaInfo info = engine.probe(lying, WEBM, Duration.ofMinutes(1));
    engine.remuxSeekable(lying, info, WEBM, dir.resolve("seekable.webm"));

    assertThat(info.duration().toMillis() / 1000.0).isCloseTo(Media.packetSeconds(lying), within(0.05));
    assertThat(Media.headerSeconds(dir.resolve("seekable.webm"))).isCloseTo(Media.packetSeconds(lying), within(0.25));
    assertThat(FfmpegMediaProcessor.limit(FfmpegSettings.DEFAULT_TIMEOUT, info.duration(),
        FfmpegMediaProcessor.TRANSCODE_SECONDS_PER_SECOND)).isLessThan(FfmpegSettings.DEFAULT_TIMEOUT.plusSeconds(15));
  }

  @Test
  void aFileCutMidClusterIsSalvagedToItsLastWholeFrameThoughItsHeaderClaimsTheWhole() throws IOException {
    Path whole = withHeaderDuration("whole.webm", -1);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(uploads.resolve("cut.webm"), Arrays.copyOf(bytes, bytes.length * 3 / 5));
    assertThat(Media.headerSeconds(cut)).as("the header still claims the whole call").isGreaterThan(2.5);

    MediaInfo info = engine.probe(cut, WEBM, LONGEST);
    Path seekable = dir.resolve("seekable.webm");
    engine.remuxSeekable(cut, info, WEBM, seekable);
    engine.transcodeMp4(seekable, WEBM, info, dir.resolve("rendition.mp4"));

    assertThat(info.duration().toMillis()).isBetween(1_000L, 2_500L);
    assertThat(Media.headerSeconds(seekable)).isCloseTo(info.duration().toMillis() / 1000.0, within(0.25));
    assertThat(Media.decodeErrors(seekable)).isEmpty();
    assertThat(Media.headerSeconds(dir.resolve("rendition.mp4"))).isCloseTo(info.duration().toMillis() / 1000.0,
        within(0.25));
  }

  @Test
  void chromiumsH264InWebmIsAllowedAndRemuxedAsMatroska() throws IOException {
    Path h264 = make("h264.webm", "-f", "lavfi", "-i", "testsrc=s=160x120:r=10:d=2", "-f", "lavfi", "-i",
        "sine=d=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "libopus", "-f", "matroska");

    MediaInfo info = engine.probe(h264, WEBM, LONGEST);
    MediaInfo seekable = engine.remuxSeekable(h264, info, WEBM, dir.resolve("seekable.webm"));

    assertThat(seekable.video()).contains(new MediaInfo.VideoStream("h264", 160, 120));
    assertThat(Media.hasCues(dir.resolve("seekable.webm"))).isTrue();
  }

  private MediaProcessingException refused(Path upload, ContentType type, Reason reason) {
    return refused(upload, type, LONGEST, reason);
  }

  /** The probe fails with {@code reason}, says no path, and the engine wrote nothing anywhere. */
  private MediaProcessingException refused(Path upload, ContentType type, Duration longest, Reason reason) {
    MediaProcessingException[] thrown = new MediaProcessingException[1];
    assertThatThrownBy(() -> engine.probe(upload, type, longest))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> {
          assertThat(e.reason()).as("%s: %s", e.getMessage(), e.detail()).isEqualTo(reason);
          assertThat(e.getMessage()).doesNotContain(dir.toString()).doesNotContain("victim").doesNotContain("\n");
          thrown[0] = e;
        });
    assertThat(written()).isEmpty();
    return thrown[0];
  }

  private Path upload(String text, String type) throws IOException {
    return Files.writeString(uploads.resolve("original." + ContentType.parse(type).extension()), text);
  }

  private Path make(String name, String... arguments) {
    Path out = uploads.resolve(name);
    String[] command = Stream.concat(Stream.of("ffmpeg", "-nostdin", "-v", "error"),
        Stream.concat(Arrays.stream(arguments), Stream.of(out.toString()))).toArray(String[]::new);
    assertThat(Media.run(command)).isEmpty();
    return out;
  }

  /**
   * The Chromium recording with a Duration element (a stream copy writes one), set to {@code
   * seconds} unless negative: a header that lies, as a looped stream copy or a client patching
   * Duration from its wall clock writes it.
   */
  private Path withHeaderDuration(String name, double seconds) throws IOException {
    Path copied = make(name, "-i", chromium.toString(), "-c", "copy");
    if (seconds < 0) {
      return copied;
    }
    byte[] bytes = Files.readAllBytes(copied);
    int at = Media.indexOf(bytes, new byte[] {0x44, (byte) 0x89, (byte) 0x88});
    assertThat(at).as("an 8-byte Duration element").isPositive();
    ByteBuffer.wrap(bytes, at + 3, 8).putDouble(seconds * 1000);
    return Files.write(copied, bytes);
  }

  /** Files the engine left in the work folders: none, whatever it was asked. */
  private List<String> written() {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(dir::relativize).map(Path::toString)
          .filter(name -> !name.startsWith("objects/") && !name.startsWith("fixtures/")
              && !name.startsWith("processing/attacker/"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
