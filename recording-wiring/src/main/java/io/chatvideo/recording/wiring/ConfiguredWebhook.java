package io.chatvideo.recording.wiring;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoint of {@code recording.webhook.url}, checked at start-up (a bad one stops the process
 * with one line) and stored as {@link WebhookEndpointId#CONFIGURED} beside the registered ones, so
 * deliveries, retries and the delivery log treat it alike. Starting again re-enables it: the
 * setting is the operator's word.
 */
final class ConfiguredWebhook {

  private ConfiguredWebhook() {}

  /** Saves the configured endpoint; without a URL, removes it when {@code removeUnset} (the server's start-up). */
  static void configure(WiringSettings.Webhooks settings, WebhookEndpoints endpoints, Clock clock, boolean removeUnset) {
    if (settings.url().isEmpty()) {
      if (removeUnset) {
        endpoints.remove(WebhookEndpointId.CONFIGURED);
      }
      return;
    }
    WebhookEndpoint endpoint;
    try {
      WebhookSecret secret = new WebhookSecret(settings.secret().orElseThrow(() -> new InvalidInputException("secret",
          "is required with recording.webhook.url (whsec_ and base64)")));
      endpoint = new WebhookEndpoint(WebhookEndpointId.CONFIGURED,
          new WebhookUrlPolicy(settings.allowLoopback()).check(settings.url().get()), List.of(secret), Set.of(),
          clock.instant(), Optional.empty());
    } catch (InvalidInputException e) {
      throw new SettingException("recording.webhook." + e.field(), e.reason());
    }
    endpoints.save(endpoint);
  }
}
