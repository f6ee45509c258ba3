package io.chatvideo.recording.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How deliveries are sent: {@code timeout} bounds one attempt from connect to the last byte read
 * (15 s by default), {@code allowLoopback} lets plain http reach loopback addresses (tests, local
 * development), {@code maxResponseBytes} is how much of an answer is read before it is dropped.
 */
public record WebhookSettings(Duration timeout, boolean allowLoopback, int maxResponseBytes) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 4096;

  public WebhookSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("a webhook timeout is more than 0 and at most 1 minute, not " + timeout);
    }
    if (maxResponseBytes < 0) {
      throw new IllegalArgumentException("the response bound is not negative: " + maxResponseBytes);
    }
  }

  public static WebhookSettings defaults(boolean allowLoopback) {
    return new WebhookSettings(DEFAULT_TIMEOUT, allowLoopback, DEFAULT_MAX_RESPONSE_BYTES);
  }
}
