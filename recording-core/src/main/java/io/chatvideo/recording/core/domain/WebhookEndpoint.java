package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where events are sent. {@code secrets} are newest first; every delivery is signed with each of
 * them, so a receiver keeps verifying while it moves to a rotated secret. {@code events} empty
 * means every recording event. A disabled endpoint ({@code disabled} says why) gets nothing.
 */
public record WebhookEndpoint(WebhookEndpointId id, HttpUrl url, List<WebhookSecret> secrets, Set<EventType> events,
    Instant createdAt, Optional<String> disabled) {

  public WebhookEndpoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(disabled, "disabled");
    secrets = List.copyOf(secrets);
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("an endpoint has at least one secret");
    }
    events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    if (events.contains(EventType.WEBHOOK_TEST)) {
      throw new InvalidInputException("events", "webhook.test is sent on request (webhooks test ID), not subscribed to");
    }
  }

  /** Whether an event of {@code type} goes here. */
  public boolean wants(EventType type) {
    return disabled.isEmpty() && (type == EventType.WEBHOOK_TEST || events.isEmpty() || events.contains(type));
  }

  public WebhookEndpoint disable(String why) {
    return new WebhookEndpoint(id, url, secrets, events, createdAt, Optional.of(why));
  }

  /** {@code fresh} signs from now on; the newest old secret keeps signing beside it, so receivers can switch over. */
  public WebhookEndpoint rotate(WebhookSecret fresh) {
    return new WebhookEndpoint(id, url, List.of(fresh, secrets.get(0)), events, createdAt, disabled);
  }
}
