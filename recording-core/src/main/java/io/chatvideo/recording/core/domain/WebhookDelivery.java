package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt, as {@code webhooks deliveries ID} lists it: when, which event, what came back, and
 * what happens next ({@code retryAt}; {@code outcome} says delivered, retrying, dead or disabled).
 */
public record WebhookDelivery(WebhookDeliveryTarget target, EventType type, Instant at, WebhookResponse response,
    Outcome outcome, Optional<Instant> retryAt) {

  public enum Outcome { DELIVERED, RETRYING, DEAD, DISABLED }

  public WebhookDelivery {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(retryAt, "retryAt");
  }
}
