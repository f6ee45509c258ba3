package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.port.in.RunJobsUseCase;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Leases a job, runs it and reports back: done, back at a later time with the policy's backoff,
 * or dead after the queue's last attempt. A job that throws where it should have answered still
 * ends in one of those, so a bug in one job never stops the worker.
 */
final class JobWorker implements RunJobsUseCase {

  private final JobQueue queue;
  private final ProcessingService processing;
  private final Optional<WebhookService> webhooks;
  private final Optional<MailService> mail;
  private final Clock clock;

  JobWorker(JobQueue queue, ProcessingService processing, Optional<WebhookService> webhooks,
      Optional<MailService> mail, Clock clock) {
    this.queue = queue;
    this.webhooks = webhooks;
    this.mail = mail;
    this.processing = processing;
    this.clock = clock;
  }

  @Override
  public boolean runNext() {
    Optional<JobLease> leased = queue.lease(clock.instant(), processing.policy().lease());
    if (leased.isEmpty()) {
      return false;
    }
    JobLease lease = leased.get();
    boolean last = lease.attempt() >= queue.maxAttempts();
    Optional<String> retry;
    try {
      retry = switch (lease.job().kind()) {
        case PROCESS_RECORDING -> processing.run(lease.job().subject(), last);
        case PUBLISH_EVENT -> publish(lease.job().subject());
        case DELIVER_WEBHOOK -> webhooks().deliver(lease.job().subject());
        case SEND_EMAIL -> mail().send(lease.job().subject());
      };
    } catch (RuntimeException e) {
      retry = Optional.of("the job could not run: " + e);
    }
    Instant now = clock.instant();
    if (retry.isEmpty()) {
      queue.complete(lease);
    } else {
      queue.fail(lease, retry.get(), last ? Optional.empty() : Optional.of(now.plus(retryWait(lease))), now);
    }
    return true;
  }

  /** Mail has its own backoff: an outage of the mail service lasts minutes, not a processing policy's seconds. */
  private Duration retryWait(JobLease lease) {
    return lease.job().kind() == JobKind.SEND_EMAIL ? MailService.retryWait(lease.attempt())
        : processing.policy().retryWait(lease.attempt());
  }

  /** The webhook attempts first, then the mail job: a retried publish repeats both, which at least once allows. */
  private Optional<String> publish(String subject) {
    Optional<String> failure = webhooks().publish(subject);
    if (failure.isEmpty()) {
      mail.ifPresent(service -> service.queue(subject));
    }
    return failure;
  }

  /** Mail jobs are queued only where the builder was given a mailer. */
  private MailService mail() {
    return mail.orElseThrow(() -> new IllegalStateException("a mail job, but no mailer was given"));
  }

  /** Event jobs exist only where the builder was given an outbox, which comes with the webhooks. */
  private WebhookService webhooks() {
    return webhooks.orElseThrow(() -> new IllegalStateException("an event job, but no webhooks were given"));
  }
}
