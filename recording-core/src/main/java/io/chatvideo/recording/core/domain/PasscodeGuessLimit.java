package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How many passcode tries a link, and separately a client address, gets per minute: the minute
 * opens at the first try and the next opens at the first try after it, so {@code perMinute} tries
 * pass and the next waits for the minute's end (no burst of twice the number across a clock
 * minute's edge).
 */
public record PasscodeGuessLimit(int perMinute) {

  public static final int DEFAULT_PER_MINUTE = 5;
  public static final Duration WINDOW = Duration.ofMinutes(1);

  public PasscodeGuessLimit {
    if (perMinute < 1) {
      throw new IllegalArgumentException("passcode guesses per minute must be at least 1, was " + perMinute);
    }
  }

  public static PasscodeGuessLimit defaults() {
    return new PasscodeGuessLimit(DEFAULT_PER_MINUTE);
  }

  /** How long until the window that opened at {@code windowStart} ends, seen at {@code now}. */
  public Duration retryAfter(Instant windowStart, Instant now) {
    Duration left = Duration.between(now, windowStart.plus(WINDOW));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
