package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How long to wait before each retry of a delivery that failed: the first attempt is at once,
 * retry {@code n} waits {@code delays[n-1]} after attempt {@code n} failed, and after the last
 * delay's attempt the delivery is dead. The default follows the Standard Webhooks schedule
 * (5 s, 5 min, 30 min, 2 h, 5 h, 10 h) and then tries daily twice more.
 */
public record WebhookRetrySchedule(List<Duration> delays) {

  public WebhookRetrySchedule {
    delays = List.copyOf(delays);
    for (Duration delay : delays) {
      if (delay.isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("a retry waits a positive time, not " + delay);
      }
    }
  }

  public static WebhookRetrySchedule defaults() {
    return new WebhookRetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
        Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofDays(1), Duration.ofDays(1)));
  }

  /** When to try again after {@code attempt} failed at {@code now}; empty after the last one. */
  public Optional<Instant> retryAt(int attempt, Instant now) {
    return attempt <= delays.size() ? Optional.of(now.plus(delays.get(attempt - 1))) : Optional.empty();
  }

  public int attempts() {
    return delays.size() + 1;
  }
}
