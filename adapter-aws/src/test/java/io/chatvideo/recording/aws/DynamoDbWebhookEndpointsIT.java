package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookDeliveryTarget;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Endpoints and their delivery log in the recordings table of DynamoDB Local, read back without a Scan. */
@ExtendWith(AwsStandIns.class)
class DynamoDbWebhookEndpointsIT {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123456789Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private String name;
  private AwsBackend aws;
  private WebhookEndpoints endpoints;

  @BeforeEach
  void bootstrap() {
    name = "hooks-" + UUID.randomUUID().toString().substring(0, 8);
    aws = AwsBackend.create(AwsStandIns.settings(name, name), AwsStandIns.credentials());
    aws.infrastructure().bootstrap(Duration.ofDays(30), List.of());
    endpoints = aws.webhookEndpoints();
  }

  @AfterEach
  void close() {
    aws.close();
    AwsStandIns.deleteTable(name);
  }

  @Test
  void endpointsAreSavedListedOldestFirstReplacedAndRemoved() {
    WebhookEndpoint later = endpoint(T0.plusSeconds(60), Set.of());
    WebhookEndpoint first = endpoint(T0, Set.of(EventType.RECORDING_READY, EventType.RECORDING_EXPIRED));
    endpoints.save(later);
    endpoints.save(first);

    assertThat(endpoints.list()).containsExactly(first, later);
    assertThat(endpoints.find(first.id())).contains(first);
    assertThat(endpoints.find(WebhookEndpointId.random())).isEmpty();

    WebhookEndpoint rotated = first.rotate(WebhookSecret.random(RANDOM)).disable("answered 410 Gone");
    endpoints.save(rotated);
    assertThat(endpoints.find(first.id())).contains(rotated);
    assertThat(rotated.secrets()).hasSize(2);
    assertThat(endpoints.list()).containsExactly(rotated, later);

    assertThat(endpoints.remove(first.id())).isTrue();
    assertThat(endpoints.remove(first.id())).as("gone already").isFalse();
    assertThat(endpoints.list()).containsExactly(later);
  }

  @Test
  void deliveriesComeBackMostRecentFirstWithWhatEachAttemptSaw() {
    WebhookEndpoint endpoint = endpoint(T0, Set.of());
    endpoints.save(endpoint);
    EventId event = EventId.random();
    WebhookDelivery failed = new WebhookDelivery(new WebhookDeliveryTarget(event, endpoint.id(), 1),
        EventType.RECORDING_COMPLETED, T0, new WebhookResponse.Failed("HTTP 500", Duration.ofMillis(12)),
        WebhookDelivery.Outcome.RETRYING, Optional.of(T0.plusSeconds(5)));
    WebhookDelivery delivered = new WebhookDelivery(new WebhookDeliveryTarget(event, endpoint.id(), 2),
        EventType.RECORDING_COMPLETED, T0.plusSeconds(5), new WebhookResponse.Delivered(204, Duration.ofMillis(7)),
        WebhookDelivery.Outcome.DELIVERED, Optional.empty());
    WebhookDelivery gone = new WebhookDelivery(new WebhookDeliveryTarget(EventId.random(), endpoint.id(), 1),
        EventType.RECORDING_READY, T0.plusSeconds(9), new WebhookResponse.Gone(Duration.ofMillis(3)),
        WebhookDelivery.Outcome.DISABLED, Optional.empty());
    endpoints.recordDelivery(failed);
    endpoints.recordDelivery(gone);
    endpoints.recordDelivery(delivered);

    assertThat(endpoints.deliveries(endpoint.id(), 10)).containsExactly(gone, delivered, failed);
    assertThat(endpoints.deliveries(endpoint.id(), 2)).containsExactly(gone, delivered);
    assertThat(endpoints.deliveries(WebhookEndpointId.random(), 10)).isEmpty();
    assertThat(endpoints.list()).as("the log is not an endpoint").containsExactly(endpoint);
  }

  private static WebhookEndpoint endpoint(Instant createdAt, Set<EventType> events) {
    return new WebhookEndpoint(WebhookEndpointId.random(), HttpUrl.parse("https://hooks.example.com/" + createdAt
        .getEpochSecond()), List.of(WebhookSecret.random(RANDOM)), events, createdAt, Optional.empty());
  }
}
