package io.chatvideo.recording.http;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookRetrySchedule;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import io.chatvideo.recording.http.config.InvalidConfigurationException;
import io.chatvideo.recording.http.config.WebhookSettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoint of {@code recording.webhook.url}, checked at start-up (a bad one stops the server
 * with one line) and stored as {@link WebhookEndpointId#CONFIGURED} beside the registered ones, so
 * deliveries, retries and the delivery log treat it alike; without a URL it is removed again.
 * Starting again re-enables it: the setting is the operator's word.
 */
final class Events {

  private Events() {}

  static void configure(WebhookSettings settings, WebhookEndpoints endpoints, Clock clock) {
    if (settings.url() == null || settings.url().isBlank()) {
      endpoints.remove(WebhookEndpointId.CONFIGURED);
      return;
    }
    WebhookEndpoint endpoint;
    try {
      endpoint = new WebhookEndpoint(WebhookEndpointId.CONFIGURED,
          new WebhookUrlPolicy(settings.allowLoopback()).check(settings.url()), List.of(secret(settings)), Set.of(),
          clock.instant(), Optional.empty());
    } catch (InvalidInputException e) {
      throw new InvalidConfigurationException("recording.webhook." + e.field(), e.reason());
    }
    endpoints.save(endpoint);
  }

  static WebhookRetrySchedule schedule(WebhookSettings settings) {
    try {
      return new WebhookRetrySchedule(settings.retries());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("recording.webhook.retries", e.getMessage());
    }
  }

  private static WebhookSecret secret(WebhookSettings settings) {
    if (settings.secret() == null || settings.secret().isBlank()) {
      throw new InvalidInputException("secret", "is required with recording.webhook.url (whsec_ and base64)");
    }
    return new WebhookSecret(settings.secret().strip());
  }
}
