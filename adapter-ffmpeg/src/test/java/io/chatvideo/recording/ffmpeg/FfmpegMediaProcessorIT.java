package io.chatvideo.recording.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine on Debian's ffmpeg and real MediaRecorder output (WebM recorded in Chromium and in
 * Firefox ESR, no Duration in its header, as MediaRecorder writes it), checked with ffprobe, byte
 * scans and ImageIO rather than with the engine's own probe.
 */
class FfmpegMediaProcessorIT {

  private static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");
  private static final Duration LONGEST = Duration.ofHours(12);

  @TempDir
  Path dir;

  FfmpegMediaProcessor engine;
  Path chromium;

  @BeforeEach
  void setUp() {
    engine = new FfmpegMediaProcessor(FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow(() ->
        new AssertionError("ffmpeg and ffprobe must be on PATH: bin/test installs Debian's ffmpeg")));
    chromium = Media.fixture(Recorded.CHROMIUM.file, dir);
  }

  /** MediaRecorder output of each browser: fake camera and microphone, VP8 + Opus, 3 s, no Duration in the header. */
  enum Recorded {
    CHROMIUM("chromium-mediarecorder-3s.webm", 320, 180),
    FIREFOX("firefox-mediarecorder-3s.webm", 640, 480);

    final String file;
    final int width;
    final int height;

    Recorded(String file, int width, int height) {
      this.file = file;
      this.width = width;
      this.height = height;
    }
  }

  @ParameterizedTest
  @EnumSource(Recorded.class)
  void probingMediaRecorderOutputTakesTheDurationFromThePacketsSinceItsHeaderHasNone(Recorded recorded)
      throws IOException {
    Path original = recorded(recorded);
    assertThat(Media.headerSeconds(original)).as("MediaRecorder writes no Duration").isEqualTo(-1);

    MediaInfo info = engine.probe(original, WEBM, LONGEST);

    assertThat(info.duration().toMillis() / 1000.0).isCloseTo(Media.packetSeconds(original), within(0.001));
    assertThat(info.video()).contains(new MediaInfo.VideoStream("vp8", recorded.width, recorded.height));
    assertThat(info.audio()).contains(new MediaInfo.AudioStream("opus"));
  }

  @ParameterizedTest
  @EnumSource(Recorded.class)
  void theRemuxedWebmHasCuesAndADurationWithinATenthOfASecondOfItsPacketsAndTheOriginalIsUntouched(Recorded recorded)
      throws IOException {
    Path original = recorded(recorded);
    String originalHash = sha256(original);
    Path seekable = dir.resolve("seekable.webm");

    MediaInfo info = engine.remuxSeekable(original, engine.probe(original, WEBM, LONGEST), WEBM, seekable);

    assertThat(Media.hasCues(original)).as("the original has no index").isFalse();
    assertThat(Media.hasCues(seekable)).as("the remux writes Cues").isTrue();
    assertThat(Media.headerSeconds(seekable)).isCloseTo(Media.packetSeconds(seekable), within(0.2));
    assertThat(Media.headerSeconds(seekable)).isCloseTo(Media.packetSeconds(original), within(0.2));
    assertThat(info.video()).contains(new MediaInfo.VideoStream("vp8", recorded.width, recorded.height));
    assertThat(info.audio()).contains(new MediaInfo.AudioStream("opus"));
    assertThat(Media.decodeErrors(seekable)).isEmpty();
    assertThat(sha256(original)).isEqualTo(originalHash);
    assertThat(leftovers()).contains("seekable.webm").noneMatch(name -> name.endsWith(".partial"));
  }

  @ParameterizedTest
  @EnumSource(Recorded.class)
  void theMp4RenditionIsH264AndAacWithItsIndexFirstAndDecodesCleanly(Recorded recorded) throws IOException {
    Path original = recorded(recorded);
    MediaInfo probed = engine.probe(original, WEBM, LONGEST);
    Path mp4 = dir.resolve("rendition.mp4");

    MediaInfo info = engine.transcodeMp4(original, WEBM, probed, mp4);

    assertThat(Media.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,pix_fmt", "-of", "csv=p=0",
        mp4.toString()).lines().sorted()).containsExactly("aac", "h264,yuv420p");
    List<String> boxes = Media.topLevelBoxes(mp4);
    assertThat(boxes).contains("moov", "mdat");
    assertThat(boxes.indexOf("moov")).as("faststart: the index before the media").isLessThan(boxes.indexOf("mdat"));
    assertThat(Media.decodeErrors(mp4)).isEmpty();
    assertThat(info.video()).contains(new MediaInfo.VideoStream("h264", recorded.width, recorded.height));
    assertThat(Media.headerSeconds(mp4)).isCloseTo(probed.duration().toMillis() / 1000.0, within(0.25));
  }

  @ParameterizedTest
  @EnumSource(Recorded.class)
  void thePosterIsAJpegOfTheAskedWidthAtMostAndNotBlack(Recorded recorded) throws IOException {
    Path original = recorded(recorded);
    Path poster = dir.resolve("poster.jpg");

    MediaInfo.VideoStream size = engine.thumbnail(original, WEBM, engine.probe(original, WEBM, LONGEST), 160, poster);

    assertThat(Files.readAllBytes(poster)).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
    BufferedImage image = Media.image(poster);
    assertThat(image.getWidth()).isEqualTo(160).isEqualTo(size.width());
    assertThat(image.getHeight()).isEqualTo(160 * recorded.height / recorded.width).isEqualTo(size.height());
    assertThat(Media.meanBrightness(image)).isGreaterThan(FfmpegMediaProcessor.BLACK_LUMA);
  }

  @Test
  void aSmallRecordingKeepsItsWidthRatherThanBeingScaledUp() throws IOException {
    MediaInfo.VideoStream size = engine.thumbnail(chromium, WEBM, engine.probe(chromium, WEBM, LONGEST), 640, dir.resolve("poster.jpg"));

    assertThat(size).isEqualTo(new MediaInfo.VideoStream("mjpeg", 320, 180));
  }

  @Test
  void aRecordingThatStartsBlackGetsItsPosterFromALaterFrame() throws IOException {
    Path blackStart = dir.resolve("black-start.webm");
    assertThat(Media.run("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "color=c=black:s=320x240:r=10:d=2",
        "-f", "lavfi", "-i", "testsrc=s=320x240:r=10:d=3", "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]",
        "-map", "[v]", "-c:v", "libvpx", "-b:v", "300k", blackStart.toString())).isEmpty();
    MediaInfo info = engine.probe(blackStart, WEBM, LONGEST);
    Path poster = dir.resolve("poster.jpg");

    engine.thumbnail(blackStart, WEBM, info, 640, poster);

    assertThat(Media.meanBrightness(Media.image(poster))).isGreaterThan(FfmpegMediaProcessor.BLACK_LUMA);
  }

  @Test
  void aFileThatIsNotMediaFailsAsNotMediaAndWritesNothing() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.webm"), "these are meeting notes, not a video\n".repeat(100));

    assertThatThrownBy(() -> engine.probe(text, WEBM, LONGEST))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_MEDIA))
        .hasMessage("the file is not a WebM (video/webm)");
    assertThat(leftovers()).containsExactlyInAnyOrder(Recorded.CHROMIUM.file, "notes.webm");
  }

  @Test
  void aFileCutInsideItsHeaderHasNothingToPlay() throws IOException {
    Path cut = Files.write(dir.resolve("cut.webm"), Arrays.copyOf(Files.readAllBytes(chromium), 60));

    assertThatThrownBy(() -> engine.probe(cut, WEBM, LONGEST))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
  }

  @Test
  void aTruncatedRecordingIsSalvagedUpToItsLastWholePacket() throws IOException {
    byte[] whole = Files.readAllBytes(chromium);
    Path half = Files.write(dir.resolve("half.webm"), Arrays.copyOf(whole, whole.length / 2));
    Path seekable = dir.resolve("half-seekable.webm");

    MediaInfo info = engine.remuxSeekable(half, engine.probe(half, WEBM, LONGEST), WEBM, seekable);

    assertThat(info.duration().toMillis()).isBetween(500L, 2_500L);
    assertThat(Media.headerSeconds(seekable)).isCloseTo(Media.packetSeconds(seekable), within(0.2));
    assertThat(Media.hasCues(seekable)).isTrue();
  }

  @Test
  void aRecordingStoppedBeforeItsFirstFrameFailsAsEmpty() throws IOException {
    // What MediaRecorder uploads when stopped at once: the header and track list, and no Cluster.
    byte[] whole = Files.readAllBytes(chromium);
    Path empty = Files.write(dir.resolve("empty.webm"), Arrays.copyOf(whole, Media.firstCluster(whole)));

    assertThatThrownBy(() -> engine.probe(empty, WEBM, LONGEST))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY))
        .hasMessageContaining("0 seconds");
  }

  @Test
  void anAudioOnlyRecordingHasNoPosterToTake() {
    Path audio = dir.resolve("audio.webm");
    assertThat(Media.run("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=f=440:d=2", "-c:a", "libopus",
        audio.toString())).isEmpty();
    MediaInfo info = engine.probe(audio, WEBM, LONGEST);

    assertThat(info.video()).isEmpty();
    assertThatThrownBy(() -> engine.thumbnail(audio, WEBM, info, 640, dir.resolve("poster.jpg")))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
    assertThat(engine.transcodeMp4(audio, WEBM, info, dir.resolve("audio.mp4")).audio())
        .contains(new MediaInfo.AudioStream("aac"));
  }

  @Test
  void anEngineThatIsNotInstalledFailsAsMissingAndRetryable() {
    FfmpegMediaProcessor missing = new FfmpegMediaProcessor(new FfmpegSettings(Path.of("/nonexistent/ffmpeg"),
        Path.of("/nonexistent/ffprobe"), Duration.ofSeconds(30)));

    assertThatThrownBy(() -> missing.probe(chromium, WEBM, LONGEST))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> {
          assertThat(e.reason()).isEqualTo(Reason.ENGINE_MISSING);
          assertThat(e.reason().retryable()).isTrue();
        })
        .hasMessage("cannot run ffprobe")
        .satisfies(e -> assertThat(((MediaProcessingException) e).detail()).hasValueSatisfying(detail ->
            assertThat(detail).contains("/nonexistent/ffprobe")));
    assertThat(FfmpegSettings.find(Path.of("/nonexistent/ffmpeg"))).isEqualTo(Optional.empty());
  }

  @Test
  void aStepPastItsTimeLimitIsStoppedAndLeavesNoPartialFile() throws IOException {
    FfmpegSettings found = FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow();
    FfmpegMediaProcessor hurried = new FfmpegMediaProcessor(new FfmpegSettings(found.ffmpeg(), found.ffprobe(),
        Duration.ofMillis(1)));
    MediaInfo probed = engine.probe(chromium, WEBM, LONGEST);
    // A step's limit grows with the media's length; told the media is 0 s long, the remux has 1 ms.
    MediaInfo instant = new MediaInfo(Duration.ZERO, probed.video(), probed.audio());

    assertThatThrownBy(() -> hurried.probe(chromium, WEBM, LONGEST))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT))
        .hasMessageContaining("was stopped");
    assertThatThrownBy(() -> hurried.remuxSeekable(chromium, instant, WEBM, dir.resolve("out.webm")))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT))
        .hasMessageContaining("was stopped");
    assertThat(leftovers()).containsExactly(Recorded.CHROMIUM.file);
  }

  @Test
  void aRemuxThatDoesNotProbeAsItsOriginalIsAMismatchAndWritesNothing() throws IOException {
    MediaInfo probed = engine.probe(chromium, WEBM, LONGEST);
    MediaInfo longer = new MediaInfo(probed.duration().plusSeconds(5), probed.video(), probed.audio());

    assertThatThrownBy(() -> engine.remuxSeekable(chromium, longer, WEBM, dir.resolve("out.webm")))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISMATCH))
        .hasMessageContaining("changed the duration");
    assertThat(leftovers()).containsExactly(Recorded.CHROMIUM.file);
  }

  /** The browser's recording, in a folder of its own beside the Chromium copy every test gets. */
  private Path recorded(Recorded recorded) throws IOException {
    return Media.fixture(recorded.file, Files.createDirectories(dir.resolve("recorded")));
  }

  private List<String> leftovers() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
