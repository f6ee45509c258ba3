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
 * Events out to webhooks, on the job machinery. A {@link JobKind#PUBLISH_EVENT} job (written with
 * the state change) makes the first attempt to every endpoint that wants the event itself, inline;
 * only a retry, and the one-endpoint {@code webhooks test}, is a {@link JobKind#DELIVER_WEBHOOK}
 * job. Why inline: on the embedded backend every write transaction of the process waits on one
 * lock, and a delivery job per event cost the worker three more of them (enqueue it, lease it,
 * complete it) on top of lease publish, the delivery's log row and complete publish, so the worker
 * fell behind 100 events/s. An attempt, inline or as a job, is the same code: send, record the
 * delivery, disable the endpoint on 410, queue the retry as a new job due at the schedule's time
 * or call it dead after the last; the queue's own attempt limit only guards against workers dying
 * mid-send.
 *
 * <p>Delivery stays at least once, and every copy of an event carries its {@code webhook-id}:
 * <ul>
 *   <li>A worker killed after sending and before completing the publish job: the job is leased
 *       again once its lease runs out and sends the event to every endpoint again, duplicates
 *       that receivers drop by {@code webhook-id}.
 *   <li>One endpoint's failed attempt whose retry cannot be queued (the store is down): the
 *       other endpoints still get their attempt, and the publish job fails with that reason, so
 *       the queue runs it again and every endpoint gets the event again. Any other failure of
 *       the store while publishing (the log row, the disable) fails the publish job the same way.
 * </ul>
 * The publish job runs its endpoints one after another under one lease
 * (renewed while it runs, {@code JobPolicy}), each attempt bounded by the sender's timeout (15 s
 * by default, at most 1 min).
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

  /** The event a publish job is about; empty once it is no longer kept. */
  Optional<RecordingEvent> event(String subject) {
    return outbox.find(new EventId(subject));
  }

  /**
   * The publish job: the first attempt to every endpoint that wants the event. Answers the first
   * reason an attempt gave (its retry could not be queued) after trying every endpoint, so the job
   * runs again.
   */
  Optional<String> publish(RecordingEvent event) {
    Optional<String> failure = Optional.empty();
    for (WebhookEndpoint endpoint : endpoints.list()) {
      if (endpoint.wants(event.type())) {
        Optional<String> attempt = attempt(new WebhookDeliveryTarget(event.id(), endpoint.id(), 1), event, endpoint);
        failure = failure.or(() -> attempt.map(why -> endpoint.id() + ": " + why));
      }
    }
    return failure;
  }

  /** A delivery job: a retry, or the attempt of {@code webhooks test}. */
  Optional<String> deliver(String subject) {
    WebhookDeliveryTarget target = WebhookDeliveryTarget.parse(subject);
    Optional<RecordingEvent> event = outbox.find(target.event());
    Optional<WebhookEndpoint> endpoint = endpoints.find(target.endpoint());
    if (event.isEmpty() || endpoint.isEmpty() || endpoint.get().disabled().isPresent()) {
      return Optional.empty();
    }
    return attempt(target, event.get(), endpoint.get());
  }

  /** One attempt; a retry is queued as its own job. Answers a reason only when that could not be queued. */
  private Optional<String> attempt(WebhookDeliveryTarget target, RecordingEvent event, WebhookEndpoint endpoint) {
    Instant now = clock.instant();
    WebhookResponse response = sender.send(endpoint, event, now);
    Instant answered = now.plus(response.latency());
    Outcome outcome;
    Optional<Instant> retryAt = Optional.empty();
    if (response instanceof WebhookResponse.Delivered) {
      outcome = Outcome.DELIVERED;
    } else if (response instanceof WebhookResponse.Gone) {
      endpoints.save(endpoint.disable("answered 410 Gone at " + answered));
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
    endpoints.recordDelivery(new WebhookDelivery(target, event.type(), now, response, outcome, retryAt));
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
