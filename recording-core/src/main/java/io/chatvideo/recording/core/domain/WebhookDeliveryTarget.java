package io.chatvideo.recording.core.domain;

import java.util.Objects;

/**
 * Attempt {@code attempt} (from 1) at sending {@code event} to {@code endpoint}: the subject of a
 * {@link JobKind#DELIVER_WEBHOOK} job, {@code "msg_… ep_… 1"}. A retry is a new job with the next
 * attempt, due at the schedule's time.
 */
public record WebhookDeliveryTarget(EventId event, WebhookEndpointId endpoint, int attempt) {

  public WebhookDeliveryTarget {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(endpoint, "endpoint");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, not " + attempt);
    }
  }

  public static WebhookDeliveryTarget parse(String subject) {
    String[] parts = subject.split(" ");
    if (parts.length != 3) {
      throw new InvalidInputException("subject", "a delivery is 'event endpoint attempt', not '" + subject + "'");
    }
    try {
      return new WebhookDeliveryTarget(new EventId(parts[0]), new WebhookEndpointId(parts[1]),
          Integer.parseInt(parts[2]));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("subject", "a delivery is 'event endpoint attempt', not '" + subject + "'");
    }
  }

  public WebhookDeliveryTarget next() {
    return new WebhookDeliveryTarget(event, endpoint, attempt + 1);
  }

  public String subject() {
    return event + " " + endpoint + " " + attempt;
  }
}
