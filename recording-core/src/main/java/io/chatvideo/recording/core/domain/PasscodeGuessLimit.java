package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How many passcode tries a link, and separately a client address, gets per minute. Counted in
 * fixed minute windows (a store can add one to a row atomically; a sliding bucket would need a
 * read and a conditional write), so a burst across a window's edge gets at most twice the number.
 */
public record PasscodeGuessLimit(int perMinute) {

  public static final int DEFAULT_PER_MINUTE = 5;
  /** A window's count is kept a little past its end, for clocks a little apart. */
  static final Duration KEPT_AFTER_WINDOW = Duration.ofMinutes(1);

  public PasscodeGuessLimit {
    if (perMinute < 1) {
      throw new IllegalArgumentException("passcode guesses per minute must be at least 1, was " + perMinute);
    }
  }

  public static PasscodeGuessLimit defaults() {
    return new PasscodeGuessLimit(DEFAULT_PER_MINUTE);
  }

  /** The start of the window {@code now} falls in. */
  public Instant windowStart(Instant now) {
    return now.truncatedTo(ChronoUnit.MINUTES);
  }

  /** When the store may forget the window {@code now} falls in. */
  public Instant forgetAfter(Instant now) {
    return windowStart(now).plus(Duration.ofMinutes(1)).plus(KEPT_AFTER_WINDOW);
  }

  /** How long until the next window, when a try was refused at {@code now}. */
  public Duration retryAfter(Instant now) {
    return Duration.between(now, windowStart(now).plus(Duration.ofMinutes(1)));
  }
}
