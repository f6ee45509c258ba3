package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookSecret;
import java.util.List;
import java.util.Set;

/** An operator's webhook endpoints: {@code recordings admin webhooks …}. */
public interface WebhooksUseCase {

  /** Registers {@code url} (checked by the URL policy) for {@code events} (empty: all) with a new secret. */
  WebhookEndpoint add(String url, Set<EventType> events);

  List<WebhookEndpoint> list();

  /** An {@code InvalidInputException} on {@code endpoint_id} when there is no such endpoint. */
  void remove(WebhookEndpointId id);

  /** A new secret signs from now on, the previous one beside it until the next rotation. */
  WebhookSecret rotateSecret(WebhookEndpointId id);

  /** Queues a {@code webhook.test} to the endpoint. */
  EventId test(WebhookEndpointId id);

  /** The most recent attempts at the endpoint. */
  List<WebhookDelivery> deliveries(WebhookEndpointId id, int limit);
}
