package io.chatvideo.recording.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.TranscriptionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded engine on real ffmpeg (Debian's, with PocketSphinx): flite voices whose plain
 * sentences come back word for word, one per channel of a stereo WebM, as a recording holds them.
 */
class FfmpegTranscriberIT {

  private static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");
  /** How far a phrase's times may sit from where its voice was put: flite's lead-in and fade, Opus frames. */
  private static final long EDGE_MS = 500;

  @TempDir
  Path dir;

  FfmpegSettings settings;

  @BeforeEach
  void setUp() {
    settings = FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow(() ->
        new AssertionError("ffmpeg and ffprobe must be on PATH: bin/test installs Debian's ffmpeg"));
  }

  @Test
  void debiansFfmpegHasTheAsrFilter() {
    assertThat(FfmpegTranscriber.hasAsrFilter(settings)).as("ffmpeg -h filter=asr").isTrue();
    assertThat(FfmpegTranscriber.find(settings)).isPresent();
  }

  @Test
  void eachPartysChannelComesBackAsItsOwnWordsAtTheTimesTheyWereSaid() {
    Path local = voice("rms", "the quick brown fox jumps over the lazy dog");
    Path remote = voice("awb", "please send me the report by friday");
    long localAt = 500;
    long remoteAt = localAt + millis(local) + 1000;
    long againAt = remoteAt + millis(remote) + 1000;
    double total = (againAt + millis(local) + 1000) / 1000.0;
    Path call = dir.resolve("call.webm");
    Media.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=gray:size=160x120:rate=10:duration=" + total,
        "-i", local.toString(), "-i", remote.toString(), "-filter_complex",
        "[1:a]asplit=2[l1][l2];[l1]adelay=" + localAt + "[la];[l2]adelay=" + againAt + "[lb];"
            + "[la][lb]amix=inputs=2:normalize=0,apad,atrim=0:" + total + "[left];"
            + "[2:a]adelay=" + remoteAt + ",apad,atrim=0:" + total + "[right];"
            + "[left][right]join=inputs=2:channel_layout=stereo[a]",
        "-map", "0:v", "-map", "[a]", "-c:v", "libvpx", "-b:v", "100k", "-c:a", "libopus", "-f", "webm",
        call.toString());
    Duration length = Duration.ofMillis(Math.round(total * 1000));
    FfmpegSpeechActivity speech = new FfmpegSpeechActivity(settings);
    Path localWav = dir.resolve("local.wav");
    Path remoteWav = dir.resolve("remote.wav");
    speech.partyAudio(call, WEBM, Party.LOCAL, length, localWav);
    speech.partyAudio(call, WEBM, Party.REMOTE, length, remoteWav);
    FfmpegTranscriber engine = FfmpegTranscriber.on(settings);

    List<SpokenText> left = engine.transcribe(localWav, length, Locale.US);
    List<SpokenText> right = engine.transcribe(remoteWav, length, Locale.forLanguageTag("en"));

    // PocketSphinx hears "jumps" or "jumped" (its adaptation to the voice differs the second time); every other word holds.
    assertThat(left).extracting(SpokenText::text).hasSize(2)
        .allSatisfy(text -> assertThat(text).matches("the quick brown fox jump(s|ed) over the lazy dog"));
    assertThat(right).extracting(SpokenText::text).containsExactly("please send me the report by friday");
    assertSaid(left.get(0), localAt, millis(local));
    assertSaid(right.get(0), remoteAt, millis(remote));
    assertSaid(left.get(1), againAt, millis(local));
  }

  @Test
  void silenceHasNothingToSay() {
    Path silent = dir.resolve("silent.wav");
    Media.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "3",
        "-c:a", "pcm_s16le", silent.toString());

    assertThat(FfmpegTranscriber.on(settings).transcribe(silent, Duration.ofSeconds(3), Locale.US)).isEmpty();
  }

  @Test
  void anotherLanguageIsRefusedBeforeAnythingRuns() {
    Path wav = voice("rms", "hello");

    assertThatThrownBy(() -> FfmpegTranscriber.on(settings).transcribe(wav, Duration.ofSeconds(1), Locale.GERMANY))
        .isInstanceOfSatisfying(TranscriptionException.class, e -> {
          assertThat(e.reason()).isEqualTo(TranscriptionException.Reason.LANGUAGE_UNSUPPORTED);
          assertThat(e.reason().retryable()).isFalse();
          assertThat(e).hasMessageContaining("de-DE");
        });
    assertThatThrownBy(() -> FfmpegTranscriber.on(settings).transcribe(wav, Duration.ofSeconds(1), Locale.UK))
        .isInstanceOf(TranscriptionException.class).hasMessageContaining("en-GB");
  }

  @Test
  void anFfmpegThatCannotRunIsAnEngineDownThatMayBeRetried() {
    Path wav = voice("rms", "hello");
    FfmpegSettings broken = new FfmpegSettings(Path.of("/bin/false"), Path.of("/bin/false"), Duration.ofSeconds(5));

    assertThat(FfmpegTranscriber.find(broken)).as("no asr filter to find").isEmpty();
    assertThatThrownBy(() -> FfmpegTranscriber.on(broken).transcribe(wav, Duration.ofSeconds(1), Locale.US))
        .isInstanceOfSatisfying(TranscriptionException.class, e -> {
          assertThat(e.reason()).isEqualTo(TranscriptionException.Reason.ENGINE_DOWN);
          assertThat(e.reason().retryable()).isTrue();
          assertThat(e.getMessage()).as("no server path for people").doesNotContain("/bin/false");
        });
  }

  @Test
  void aRunPastItsTimeIsStoppedAsTimedOut() {
    Path wav = voice("rms", "the quick brown fox jumps over the lazy dog");
    FfmpegSettings hurried = new FfmpegSettings(settings.ffmpeg(), settings.ffprobe(), Duration.ofMillis(1));

    assertThatThrownBy(() -> FfmpegTranscriber.on(hurried).transcribe(wav, Duration.ZERO, Locale.US))
        .isInstanceOfSatisfying(TranscriptionException.class,
            e -> assertThat(e.reason()).isEqualTo(TranscriptionException.Reason.TIMED_OUT));
  }

  private static void assertSaid(SpokenText phrase, long atMs, long lengthMs) {
    assertThat(phrase.startMs()).as("starts near " + atMs + " ms: " + phrase).isCloseTo(atMs, within(EDGE_MS));
    assertThat(phrase.endMs()).as("ends near " + (atMs + lengthMs) + " ms: " + phrase)
        .isCloseTo(atMs + lengthMs, within(EDGE_MS));
  }

  private Path voice(String voice, String text) {
    Path wav = dir.resolve(voice + ".wav");
    String said = Media.run("flite", "-voice", voice, "-t", text, "-o", wav.toString());
    assertThat(wav).as("flite (bin/test installs it) made speech: " + said).isNotEmptyFile();
    return wav;
  }

  private static long millis(Path file) {
    return Math.round(1000 * Double.parseDouble(Media.run("ffprobe", "-v", "error", "-show_entries",
        "format=duration", "-of", "csv=p=0", file.toString()).strip()));
  }
}
