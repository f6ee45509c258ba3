package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordingRowsTest {

  @Test
  void instantsKeepTheirNanosecondsAcrossEpochNanos() {
    for (Instant instant : new Instant[] {Instant.parse("2026-03-01T10:00:00.123456789Z"), Instant.EPOCH,
        Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.parse("2125-01-01T00:00:00Z")}) {
      assertThat(RecordingRows.instant(RecordingRows.nanos(instant))).isEqualTo(instant);
    }
  }

  @Test
  void anInstantBeyondEpochNanosIsABugNotASilentWrap() {
    assertThatThrownBy(() -> RecordingRows.nanos(Instant.parse("2300-01-01T00:00:00Z")))
        .isInstanceOf(ArithmeticException.class);
  }
}
