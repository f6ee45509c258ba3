package io.chatvideo.recording.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storyboard on Debian's ffmpeg: the sprite checked with ffprobe (a JPEG of the expected size),
 * the WebVTT parsed here (cues end to end, each region inside the sprite), on real MediaRecorder
 * output and on a long synthetic call whose frames must stay bounded.
 */
class StoryboardIT {

  private static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");
  private static final Pattern CUE = Pattern.compile(
      "(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d\\d\\d) --> (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d\\d\\d)\\n"
          + "storyboard\\.jpg#xywh=(\\d+),(\\d+),(\\d+),(\\d+)\\n");

  @TempDir
  Path dir;

  FfmpegMediaProcessor engine;

  @BeforeEach
  void setUp() {
    engine = new FfmpegMediaProcessor(FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow(() ->
        new AssertionError("ffmpeg and ffprobe must be on PATH: bin/test installs Debian's ffmpeg")));
  }

  @Test
  void aShortRecordingHasOneTilePerTwoSecondsInOneRow() throws IOException {
    Path original = Media.fixture("chromium-mediarecorder-3s.webm", dir);
    MediaInfo info = engine.probe(original, WEBM, Duration.ofHours(12));

    List<Cue> cues = storyboard(original, info, 2 * 160, 90);

    assertThat(cues).hasSize(2);
    assertThat(cues.get(0).start()).isZero();
    assertThat(cues.get(1).start()).isEqualTo(2000);
  }

  @Test
  void aLongCallKeepsAtMostAHundredTilesByWideningTheInterval() throws IOException {
    Path original = dir.resolve("long.webm");
    String said = Media.run("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i",
        "testsrc=size=320x180:rate=5:duration=250", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8",
        "-b:v", "50k", "-g", "10", "-f", "webm", original.toString());
    assertThat(said).isEmpty();
    MediaInfo info = engine.probe(original, ContentType.parse("video/webm"), Duration.ofHours(12));

    // 250 s: one frame every 3 s, 84 tiles, 10 to a row, 9 rows.
    List<Cue> cues = storyboard(original, info, 10 * 160, 9 * 90);

    assertThat(cues).hasSize(84);
    assertThat(cues.get(1).start()).isEqualTo(3000);
    assertThat(cues.get(83).x()).isEqualTo(3 * 160);
    assertThat(cues.get(83).y()).isEqualTo(8 * 90);
  }

  @Test
  void anAudioOnlyRecordingHasNoStoryboardAndLeavesNoFile() {
    MediaInfo audio = new MediaInfo(Duration.ofSeconds(3), java.util.Optional.empty(),
        java.util.Optional.of(new MediaInfo.AudioStream("opus")));

    assertThatThrownBy(() -> engine.storyboard(dir.resolve("none.webm"), WEBM, audio, dir.resolve("storyboard.jpg"),
        dir.resolve("storyboard.vtt")))
        .isInstanceOfSatisfying(MediaProcessingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY));
    assertThat(dir.resolve("storyboard.jpg")).doesNotExist();
  }

  record Cue(long start, long end, int x, int y, int w, int h) {}

  /** Makes the storyboard, checks the sprite's size with ffprobe and the cues' coverage, and answers the cues. */
  private List<Cue> storyboard(Path original, MediaInfo info, int width, int height) throws IOException {
    Path sprite = dir.resolve("storyboard.jpg");
    Path track = dir.resolve("storyboard.vtt");

    engine.storyboard(original, WEBM, info, sprite, track);

    assertThat(Media.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height", "-of",
        "csv=p=0", sprite.toString()).strip()).isEqualTo("mjpeg," + width + "," + height);
    String vtt = Files.readString(track);
    assertThat(vtt).startsWith("WEBVTT\n\n");
    List<Cue> cues = new ArrayList<>();
    Matcher cue = CUE.matcher(vtt);
    int at = "WEBVTT\n\n".length();
    while (cue.find(at) && cue.start() == at) {
      cues.add(new Cue(millis(cue, 1), millis(cue, 5), Integer.parseInt(cue.group(9)),
          Integer.parseInt(cue.group(10)), Integer.parseInt(cue.group(11)), Integer.parseInt(cue.group(12))));
      at = cue.end() + (cue.end() < vtt.length() ? 1 : 0);
    }
    assertThat(at).as("every line of the track is a cue").isEqualTo(vtt.length());
    assertThat(cues).isNotEmpty().hasSizeLessThanOrEqualTo(100);
    assertThat(cues.get(0).start()).isZero();
    for (int i = 0; i < cues.size(); i++) {
      Cue c = cues.get(i);
      assertThat(c.end()).isGreaterThan(c.start());
      if (i > 0) {
        assertThat(c.start()).as("cue %d starts where the one before ends", i).isEqualTo(cues.get(i - 1).end());
      }
      assertThat(c.w()).isEqualTo(160);
      assertThat(c.h()).isEqualTo(90);
      assertThat(c.x() + c.w()).isLessThanOrEqualTo(width);
      assertThat(c.y() + c.h()).isLessThanOrEqualTo(height);
    }
    assertThat(cues.get(cues.size() - 1).end()).isEqualTo(info.duration().toMillis());
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
    }
    return cues;
  }

  private static long millis(Matcher cue, int group) {
    return ((Long.parseLong(cue.group(group)) * 60 + Long.parseLong(cue.group(group + 1))) * 60
        + Long.parseLong(cue.group(group + 2))) * 1000 + Long.parseLong(cue.group(group + 3));
  }
}
