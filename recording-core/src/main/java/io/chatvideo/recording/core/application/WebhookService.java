package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookDelivery.Outcome;
import io.chatvideo.recording.core.domain.WebhookDeliveryTarget;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookRetrySchedule;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.core.port.in.WebhooksUseCase;
import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import io.chatvideo.recording.core.port.out.WebhookSender;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Events out to webhooks, on the job machinery: a {@link JobKind#PUBLISH_EVENT} job (written with
 * the state change) queues one {@link JobKind#DELIVER_WEBHOOK} job per endpoint that wants the
 * event; a delivery that fails queues its retry as a new job due at the schedule's time, so the
 * queue's own attempt limit only guards against workers dying mid-send. Publishing twice (a worker
 * died after queueing the deliveries) sends duplicates with the same {@code webhook-id}: delivery
 * is at least once.
 */
final class WebhookService implements WebhooksUseCase {

  private final EventOutbox outbox;
  private final WebhookEndpoints endpoints;
  private final WebhookSender sender;
  private final WebhookRetrySchedule schedule;
  private final WebhookUrlPolicy urls;
  private final JobQueue jobs;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  WebhookService(EventOutbox outbox, WebhookEndpoints endpoints, WebhookSender sender, WebhookRetrySchedule schedule,
      WebhookUrlPolicy urls, JobQueue jobs, Clock clock) {
    this.outbox = outbox;
    this.endpoints = endpoints;
    this.sender = sender;
    this.schedule = schedule;
    this.urls = urls;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** The publish job: a delivery job per endpoint that wants the event. */
  Optional<String> publish(String subject) {
    Optional<RecordingEvent> found = outbox.find(new EventId(subject));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    RecordingEvent event = found.get();
    Instant now = clock.instant();
    for (WebhookEndpoint endpoint : endpoints.list()) {
      if (endpoint.wants(event.type())) {
        jobs.enqueue(JobKind.DELIVER_WEBHOOK, new WebhookDeliveryTarget(event.id(), endpoint.id(), 1).subject(), now);
      }
    }
    return Optional.empty();
  }

  /** One delivery attempt; a retry is queued as its own job. Answers a reason only when that could not be queued. */
  Optional<String> deliver(String subject) {
    WebhookDeliveryTarget target = WebhookDeliveryTarget.parse(subject);
    Optional<RecordingEvent> event = outbox.find(target.event());
    Optional<WebhookEndpoint> endpoint = endpoints.find(target.endpoint());
    if (event.isEmpty() || endpoint.isEmpty() || endpoint.get().disabled().isPresent()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    WebhookResponse response = sender.send(endpoint.get(), event.get(), now);
    Instant answered = now.plus(response.latency());
    Outcome outcome;
    Optional<Instant> retryAt = Optional.empty();
    if (response instanceof WebhookResponse.Delivered) {
      outcome = Outcome.DELIVERED;
    } else if (response instanceof WebhookResponse.Gone) {
      endpoints.save(endpoint.get().disable("answered 410 Gone at " + answered));
      outcome = Outcome.DISABLED;
    } else {
      retryAt = schedule.retryAt(target.attempt(), answered);
      outcome = retryAt.isPresent() ? Outcome.RETRYING : Outcome.DEAD;
    }
    if (retryAt.isPresent()) {
      try {
        jobs.enqueue(JobKind.DELIVER_WEBHOOK, target.next().subject(), answered, retryAt.get());
      } catch (StorageUnavailableException e) {
        return Optional.of("the retry could not be queued: " + e.getMessage());
      }
    }
    endpoints.recordDelivery(new WebhookDelivery(target, event.get().type(), now, response, outcome, retryAt));
    return Optional.empty();
  }

  @Override
  public WebhookEndpoint add(String url, Set<EventType> events) {
    WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.random(), urls.check(url),
        List.of(WebhookSecret.random(random)), events, clock.instant(), Optional.empty());
    endpoints.save(endpoint);
    return endpoint;
  }

  @Override
  public List<WebhookEndpoint> list() {
    return endpoints.list();
  }

  @Override
  public void remove(WebhookEndpointId id) {
    if (!endpoints.remove(id)) {
      throw unknown(id);
    }
  }

  @Override
  public WebhookSecret rotateSecret(WebhookEndpointId id) {
    WebhookSecret fresh = WebhookSecret.random(random);
    endpoints.save(existing(id).rotate(fresh));
    return fresh;
  }

  @Override
  public EventId test(WebhookEndpointId id) {
    WebhookEndpoint endpoint = existing(id);
    Instant now = clock.instant();
    RecordingEvent event = EventPayloads.test(endpoint.id().toString(), now);
    outbox.record(event);
    jobs.enqueue(JobKind.DELIVER_WEBHOOK, new WebhookDeliveryTarget(event.id(), endpoint.id(), 1).subject(), now);
    return event.id();
  }

  @Override
  public List<WebhookDelivery> deliveries(WebhookEndpointId id, int limit) {
    existing(id);
    return endpoints.deliveries(id, limit);
  }

  private WebhookEndpoint existing(WebhookEndpointId id) {
    return endpoints.find(id).orElseThrow(() -> unknown(id));
  }

  private static InvalidInputException unknown(WebhookEndpointId id) {
    return new InvalidInputException("endpoint_id", "no webhook endpoint " + id);
  }
}
