package io.chatvideo.recording.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepLimitTest {

  @Test
  void aThreeHourCallGetsHoursForItsTranscodeWhereAThreeMinuteOneGetsMinutes() {
    Duration base = FfmpegSettings.DEFAULT_TIMEOUT;

    assertThat(FfmpegMediaProcessor.limit(base, Duration.ofHours(3), FfmpegMediaProcessor.TRANSCODE_SECONDS_PER_SECOND))
        .isEqualTo(Duration.ofHours(12).plus(base));
    assertThat(FfmpegMediaProcessor.limit(base, Duration.ofMinutes(3), FfmpegMediaProcessor.TRANSCODE_SECONDS_PER_SECOND))
        .isEqualTo(Duration.ofMinutes(12).plus(base));
    assertThat(FfmpegMediaProcessor.limit(base, Duration.ofHours(3), FfmpegMediaProcessor.REMUX_SECONDS_PER_SECOND))
        .isEqualTo(Duration.ofMinutes(90).plus(base));
  }
}
