package io.chatvideo.recording.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The token buckets: rate per key, bounded memory, and keys that a client cannot vary without end. */
class RequestRateTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

  @Test
  void aBurstPassesThenOneRequestPerRefillInterval() {
    RequestRate rate = new RequestRate(6, clock);
    RequestRate.Key alice = new RequestRate.Key("POST /dev/token", "203.0.113.7");
    for (int i = 0; i < 6; i++) {
      assertThat(rate.take(alice)).isEmpty();
    }
    assertThat(rate.take(alice)).contains(Duration.ofSeconds(10));
    assertThat(rate.take(new RequestRate.Key("POST /dev/token", "198.51.100.8"))).isEmpty();
    assertThat(rate.take(new RequestRate.Key("POST /recordings/uploads", "203.0.113.7"))).isEmpty();
    clock.advance(Duration.ofSeconds(10));
    assertThat(rate.take(alice)).isEmpty();
    assertThat(rate.take(alice)).isPresent();
  }

  @Test
  void aFloodOfNewKeysStaysWithinTheCapacity() {
    RequestRate rate = new RequestRate(1, clock, 1_000);
    for (int i = 0; i < 50_000; i++) {
      rate.take(new RequestRate.Key("POST /dev/token", "10.0." + (i / 256) + "." + (i % 256)));
    }
    assertThat(rate.size()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void aBucketUnusedForAMinuteIsDroppedFull() {
    RequestRate rate = new RequestRate(1, clock);
    RequestRate.Key key = new RequestRate.Key("POST /dev/token", "203.0.113.7");
    assertThat(rate.take(key)).isEmpty();
    assertThat(rate.take(key)).isPresent();
    clock.advance(Duration.ofMinutes(1));
    assertThat(rate.size()).isZero();
    assertThat(rate.take(key)).as("a dropped bucket was full anyway").isEqualTo(Optional.empty());
  }
}
