package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a recording lives: {@code expires_at = created_at + retention}, 30 days unless
 * configured. An expired recording is never returned, whether or not the store has deleted it yet.
 */
public record RetentionPolicy(Duration retention) {

  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

  public RetentionPolicy {
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("recording retention must be positive, was " + retention);
    }
    if (retention.compareTo(Duration.ofDays(36_500)) > 0) {
      throw new IllegalArgumentException("recording retention must be at most 100 years, was " + retention);
    }
  }

  public static RetentionPolicy defaults() {
    return new RetentionPolicy(DEFAULT_RETENTION);
  }

  public Instant expiresAt(Instant createdAt) {
    return createdAt.plus(retention);
  }

  /**
   * Checks a recording's length reported by a client: no recording outlives the retention, so none
   * can be longer, and this keeps every store's duration column (SQLite keeps nanoseconds) in range.
   */
  public void checkDuration(Duration duration) {
    if (duration.compareTo(retention) > 0) {
      throw new InvalidInputException("duration_ms", "must be at most the retention of " + retention.toMillis()
          + " ms, was " + duration.toMillis());
    }
  }

  /** DynamoDB's {@code ttl} attribute: epoch seconds of the expiry, rounded up so it never precedes it. */
  public static long ttlEpochSeconds(Instant expiresAt) {
    return expiresAt.getNano() == 0 ? expiresAt.getEpochSecond() : expiresAt.getEpochSecond() + 1;
  }

  /** Whether a recording with this expiry is gone at {@code now}. */
  public static boolean isExpired(Instant expiresAt, Instant now) {
    return !now.isBefore(expiresAt);
  }
}
