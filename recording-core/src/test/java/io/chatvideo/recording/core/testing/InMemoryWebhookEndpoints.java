package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link WebhookEndpoints} in memory, for core tests. */
public final class InMemoryWebhookEndpoints implements WebhookEndpoints {

  private final Map<WebhookEndpointId, WebhookEndpoint> endpoints = new LinkedHashMap<>();
  private final List<WebhookDelivery> deliveries = new ArrayList<>();

  @Override
  public synchronized void save(WebhookEndpoint endpoint) {
    endpoints.put(endpoint.id(), endpoint);
  }

  @Override
  public synchronized Optional<WebhookEndpoint> find(WebhookEndpointId id) {
    return Optional.ofNullable(endpoints.get(id));
  }

  @Override
  public synchronized List<WebhookEndpoint> list() {
    return endpoints.values().stream().sorted(Comparator.comparing(WebhookEndpoint::createdAt)).toList();
  }

  @Override
  public synchronized boolean remove(WebhookEndpointId id) {
    return endpoints.remove(id) != null;
  }

  @Override
  public synchronized void recordDelivery(WebhookDelivery delivery) {
    deliveries.add(delivery);
  }

  @Override
  public synchronized List<WebhookDelivery> deliveries(WebhookEndpointId id, int limit) {
    List<WebhookDelivery> mine = new ArrayList<>(deliveries.stream()
        .filter(d -> d.target().endpoint().equals(id)).toList());
    Collections.reverse(mine);
    return mine.stream().limit(limit).toList();
  }
}
