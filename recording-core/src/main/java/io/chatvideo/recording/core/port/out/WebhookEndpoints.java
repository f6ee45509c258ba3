package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import java.util.List;
import java.util.Optional;

/** The endpoints operators registered, and the log of attempts at each. */
public interface WebhookEndpoints {

  /** Adds the endpoint, or replaces the one with its id. */
  void save(WebhookEndpoint endpoint);

  Optional<WebhookEndpoint> find(WebhookEndpointId id);

  /** Every endpoint, disabled ones too, oldest first. */
  List<WebhookEndpoint> list();

  /** Whether there was one to remove. */
  boolean remove(WebhookEndpointId id);

  void recordDelivery(WebhookDelivery delivery);

  /** Up to {@code limit} attempts at {@code id}, the most recent first. */
  List<WebhookDelivery> deliveries(WebhookEndpointId id, int limit);
}
