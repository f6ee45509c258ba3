package io.chatvideo.recording.local.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookDeliveryTarget;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events, endpoints and deliveries in the SQLite file: a change and its event commit together or not at all. */
class SqliteEventOutboxTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

  @TempDir
  Path folder;

  private SqliteRecordingRepository recordings;
  private SqliteEventOutbox outbox;
  private SqliteWebhookEndpoints endpoints;
  private SqliteJobQueue jobs;
  private PendingRecording pending;

  @BeforeEach
  void setUp() {
    recordings = SqliteRecordingRepository.open(folder.resolve("recordings.db"), Clock.fixed(T0, ZoneOffset.UTC));
    outbox = SqliteEventOutbox.on(recordings);
    endpoints = SqliteWebhookEndpoints.on(recordings);
    jobs = SqliteJobQueue.on(recordings, 3);
    pending = TestRecordings.pending("alice@example.com", "room-1", T0);
    recordings.insert(pending);
  }

  @AfterEach
  void close() {
    recordings.close();
  }

  private static RecordingEvent event(EventType type) {
    return new RecordingEvent(EventId.random(), type, T0, "{\"type\":\"" + type.wireName() + "\"}");
  }

  @Test
  void aCompletionCommitsWithItsEventAndItsPublishJob() {
    CompletedRecording completed = pending.complete(10, Optional.empty(), T0, Optional.empty());
    RecordingEvent event = event(EventType.RECORDING_COMPLETED);

    outbox.replace(completed, RecordingStatus.PENDING, event);

    assertThat(recordings.find(pending.id())).hasValueSatisfying(r ->
        assertThat(r.status()).isEqualTo(RecordingStatus.COMPLETED));
    assertThat(outbox.find(event.id())).contains(event);
    JobLease lease = jobs.lease(T0, Duration.ofMinutes(1)).orElseThrow();
    assertThat(lease.job().kind()).isEqualTo(JobKind.PUBLISH_EVENT);
    assertThat(lease.job().subject()).isEqualTo(event.id().value());
  }

  @Test
  void aChangeThatConflictsWritesNoEventAndNoJob() {
    CompletedRecording completed = pending.complete(10, Optional.empty(), T0, Optional.empty());
    RecordingEvent event = event(EventType.RECORDING_COMPLETED);

    assertThatThrownBy(() -> outbox.replace(completed, RecordingStatus.COMPLETED, event))
        .isInstanceOf(ConflictException.class);

    assertThat(outbox.find(event.id())).isEmpty();
    assertThat(jobs.lease(T0, Duration.ofMinutes(1))).isEmpty();
    assertThat(recordings.find(pending.id())).hasValueSatisfying(r ->
        assertThat(r.status()).isEqualTo(RecordingStatus.PENDING));
  }

  @Test
  void aDeletionCommitsWithItsEvent() {
    RecordingEvent event = event(EventType.RECORDING_DELETED);
    outbox.delete(pending.id(), event);
    assertThat(recordings.find(pending.id())).isEmpty();
    assertThat(outbox.find(event.id())).contains(event);
    assertThat(jobs.lease(T0, Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void aJobQueuedForLaterIsLeasedOnlyOnceDue() {
    jobs.enqueue(JobKind.DELIVER_WEBHOOK, "later", T0, T0.plusSeconds(5));
    assertThat(jobs.lease(T0.plusSeconds(4), Duration.ofMinutes(1))).isEmpty();
    assertThat(jobs.lease(T0.plusSeconds(5), Duration.ofMinutes(1))).hasValueSatisfying(lease ->
        assertThat(lease.job().subject()).isEqualTo("later"));
  }

  @Test
  void endpointsAndTheirDeliveriesRoundTrip() {
    SecureRandom random = new SecureRandom();
    WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.random(), HttpUrl.parse("https://h.example.com/x"),
        List.of(WebhookSecret.random(random)), Set.of(EventType.RECORDING_READY, EventType.RECORDING_DELETED), T0,
        Optional.empty());
    endpoints.save(endpoint);
    assertThat(endpoints.find(endpoint.id())).contains(endpoint);

    WebhookEndpoint rotated = endpoint.rotate(WebhookSecret.random(random)).disable("answered 410 Gone");
    endpoints.save(rotated);
    assertThat(endpoints.list()).containsExactly(rotated);

    WebhookDeliveryTarget first = new WebhookDeliveryTarget(EventId.random(), endpoint.id(), 1);
    WebhookDelivery failed = new WebhookDelivery(first, EventType.RECORDING_READY, T0,
        new WebhookResponse.Failed("HTTP 500", Duration.ofMillis(12)), WebhookDelivery.Outcome.RETRYING,
        Optional.of(T0.plusSeconds(5)));
    WebhookDelivery delivered = new WebhookDelivery(first.next(), EventType.RECORDING_READY, T0.plusSeconds(5),
        new WebhookResponse.Delivered(204, Duration.ofMillis(3)), WebhookDelivery.Outcome.DELIVERED, Optional.empty());
    endpoints.recordDelivery(failed);
    endpoints.recordDelivery(delivered);
    assertThat(endpoints.deliveries(endpoint.id(), 10)).containsExactly(delivered, failed);

    assertThat(endpoints.remove(endpoint.id())).isTrue();
    assertThat(endpoints.remove(endpoint.id())).isFalse();
    assertThat(endpoints.list()).isEmpty();
  }

  @Test
  void forgettingDropsTheEventsAndDeliveriesBeforeTheCutoffAndKeepsTheRest() {
    WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.random(), HttpUrl.parse("https://h.example.com/x"),
        List.of(WebhookSecret.random(new SecureRandom())), Set.of(EventType.RECORDING_READY), T0, Optional.empty());
    endpoints.save(endpoint);
    Instant later = T0.plus(Duration.ofDays(40));
    RecordingEvent old = event(EventType.RECORDING_READY);
    RecordingEvent recent = new RecordingEvent(EventId.random(), EventType.RECORDING_READY, later, "{}");
    outbox.record(old);
    outbox.record(recent);
    WebhookDelivery oldDelivery = new WebhookDelivery(new WebhookDeliveryTarget(old.id(), endpoint.id(), 1),
        EventType.RECORDING_READY, T0, new WebhookResponse.Delivered(204, Duration.ofMillis(3)),
        WebhookDelivery.Outcome.DELIVERED, Optional.empty());
    WebhookDelivery recentDelivery = new WebhookDelivery(new WebhookDeliveryTarget(recent.id(), endpoint.id(), 1),
        EventType.RECORDING_READY, later, new WebhookResponse.Delivered(204, Duration.ofMillis(3)),
        WebhookDelivery.Outcome.DELIVERED, Optional.empty());
    endpoints.recordDelivery(oldDelivery);
    endpoints.recordDelivery(recentDelivery);

    int forgotten = outbox.forget(later.minus(Duration.ofDays(30)));

    assertThat(forgotten).isEqualTo(1);
    assertThat(outbox.find(old.id())).as("an event past its retention").isEmpty();
    assertThat(outbox.find(recent.id())).contains(recent);
    assertThat(endpoints.deliveries(endpoint.id(), 10)).containsExactly(recentDelivery);
    assertThat(endpoints.find(endpoint.id())).as("the endpoint itself stays").isPresent();
  }
}
