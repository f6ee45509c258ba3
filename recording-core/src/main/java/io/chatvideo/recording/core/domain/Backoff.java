package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a failed job waits before its next attempt: {@code first} after the first failure,
 * four times longer after each next one, never longer than {@code max}.
 *
 * <pre>{@code
 * new Backoff(Duration.ofSeconds(30), Duration.ofHours(1)).wait(3); // 8 minutes
 * }</pre>
 */
public record Backoff(Duration first, Duration max) {

  public Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (max.isNegative() || max.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException("the longest retry wait must be 0 to 12 hours, was " + max);
    }
    if (first.isNegative() || first.compareTo(max) > 0) {
      throw new IllegalArgumentException("the first retry wait must be 0 to " + max + ", was " + first);
    }
  }

  /** The wait after the failed attempt {@code attempt} (from 1). */
  public Duration wait(int attempt) {
    Duration wait = first;
    for (int i = 1; i < attempt && wait.compareTo(max) < 0; i++) {
      wait = wait.multipliedBy(4);
    }
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
