package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The caller has used up a per-user allowance (pending uploads, bytes per day); {@link
 * #retryAfter()} is when trying again can succeed. Nothing was stored for the refused request.
 */
public final class LimitExceededException extends RecordingException {

  private final Duration retryAfter;

  public LimitExceededException(String message, Duration retryAfter) {
    super(message);
    Objects.requireNonNull(retryAfter, "retryAfter");
    this.retryAfter = retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : retryAfter;
  }

  /** At least one second, so a client never retries in a busy loop. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
