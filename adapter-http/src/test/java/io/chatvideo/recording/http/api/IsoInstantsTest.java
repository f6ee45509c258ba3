package io.chatvideo.recording.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

  @ParameterizedTest
  @ValueSource(strings = {"1970-01-01T00:00:00Z", "2026-12-01T21:15:34.123Z", "2026-12-01T21:15:34.123400Z",
      "2026-12-01T21:15:34.000000001Z", "2024-02-29T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:59.100Z", "1969-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z"})
  void writesWhatInstantToStringWrites(String text) {
    Instant instant = Instant.parse(text);

    assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
  }

  @Test
  void agreesWithInstantToStringOnRandomInstantsOfEveryFractionWidth() {
    SplittableRandom random = new SplittableRandom(14);
    long lowest = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long highest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      int nano = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      Instant instant = Instant.ofEpochSecond(random.nextLong(lowest, highest + 1), nano);
      assertThat(IsoInstants.format(instant)).isEqualTo(instant.toString());
    }
  }
}
