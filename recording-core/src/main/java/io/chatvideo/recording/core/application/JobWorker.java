package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.JobPolicy;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.port.in.RunJobsUseCase;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Leases a job, runs it and reports back: done, back at a later time with the policy's backoff,
 * or dead after the queue's last attempt. A job that throws where it should have answered still
 * ends in one of those, so a bug in one job never stops the worker.
 *
 * <p>While a job runs its lease is renewed every {@link JobPolicy#heartbeat()}, so a lease is
 * short (a worker that died gives its job back soon) however long the job takes. Once the
 * workers stop ({@link #stopping()}), no job is leased any more and a job that ends undone goes
 * back to the queue at once instead of waiting for its retry; {@link #handBack()} gives back
 * the leases of jobs still running when the stop's grace is over.
 */
final class JobWorker implements RunJobsUseCase {

  private final JobQueue queue;
  private final JobPolicy policy;
  private final ProcessingService processing;
  private final Optional<SpeakerService> speakers;
  private final Optional<WebhookService> webhooks;
  private final Optional<MailService> mail;
  private final Clock clock;
  /** The leases of the jobs running now, by receipt. */
  private final Map<String, JobLease> running = new ConcurrentHashMap<>();
  /** The threads waiting in a long poll now, holding no job. */
  private final Set<Thread> polling = new HashSet<>();
  private volatile boolean stopping;

  JobWorker(JobQueue queue, JobPolicy policy, ProcessingService processing, Optional<SpeakerService> speakers,
      Optional<WebhookService> webhooks, Optional<MailService> mail, Clock clock) {
    this.speakers = speakers;
    this.queue = queue;
    this.policy = policy;
    this.webhooks = webhooks;
    this.mail = mail;
    this.processing = processing;
    this.clock = clock;
  }

  @Override
  public boolean runNext() {
    return runNext(Duration.ZERO);
  }

  @Override
  public boolean runNext(Duration wait) {
    if (stopping) {
      return false;
    }
    Optional<JobLease> leased = poll(wait);
    if (leased.isEmpty()) {
      return false;
    }
    JobLease lease = leased.get();
    if (stopping) {
      // Leased by a long poll that ended as the stop began: the next worker takes it at once.
      queue.release(lease, clock.instant());
      return true;
    }
    running.put(lease.receipt(), lease);
    boolean last = lease.attempt() >= queue.maxAttempts();
    Optional<String> retry;
    long beat = policy.heartbeat().toMillis();
    ScheduledFuture<?> heartbeat = Heartbeats.SCHEDULER.scheduleAtFixedRate(() -> renew(lease), beat, beat,
        TimeUnit.MILLISECONDS);
    try {
      retry = switch (lease.job().kind()) {
        case PROCESS_RECORDING -> processing.run(lease.job().subject(), last);
        // Queued only where a timeline store was given; a worker without one leaves nothing undone.
        case FIND_SPEAKERS -> speakers.isPresent() ? speakers.get().run(lease.job().subject(), last) : Optional.empty();
        case PUBLISH_EVENT -> publish(lease.job().subject());
        case DELIVER_WEBHOOK -> webhooks().deliver(lease.job().subject());
        case SEND_EMAIL -> mail().send(lease.job().subject());
      };
    } catch (RuntimeException e) {
      retry = Optional.of("the job could not run: " + e);
    } finally {
      heartbeat.cancel(false);
    }
    if (running.remove(lease.receipt()) == null) {
      return true; // handed back by the stop meanwhile
    }
    // An interrupt was for the job (its ffmpeg); telling the queue how it went must not fail of it.
    boolean interrupted = Thread.interrupted();
    try {
      answer(lease, retry, last);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return true;
  }

  private void answer(JobLease lease, Optional<String> retry, boolean last) {
    Instant now = clock.instant();
    if (retry.isEmpty()) {
      queue.complete(lease);
    } else if (stopping) {
      // Most likely the stop's interrupt ended it: no reason to make it wait for its retry.
      queue.release(lease, now);
    } else {
      Duration wait = policy.retryWait(lease.job().kind(), lease.attempt());
      queue.fail(lease, retry.get(), last ? Optional.empty() : Optional.of(now.plus(wait)), now);
    }
  }

  /**
   * A lease that may wait for a job to arrive; {@link #stopping()} interrupts the wait, and only
   * the wait (the poll's thread leaves {@link #polling} under the same lock before it runs a job).
   */
  private Optional<JobLease> poll(Duration wait) {
    if (wait.isZero()) {
      return queue.lease(clock.instant(), policy.lease());
    }
    Thread self = Thread.currentThread();
    synchronized (polling) {
      if (stopping) {
        return Optional.empty();
      }
      polling.add(self);
    }
    try {
      return queue.lease(clock.instant(), policy.lease(), wait);
    } finally {
      synchronized (polling) {
        polling.remove(self);
        if (stopping) {
          // The stop's interrupt was for the wait; what follows hands the job back, uninterrupted.
          Thread.interrupted();
        }
      }
    }
  }

  @Override
  public void stopping() {
    synchronized (polling) {
      stopping = true;
      polling.forEach(Thread::interrupt);
    }
  }

  @Override
  public int handBack() {
    int handed = 0;
    for (JobLease lease : List.copyOf(running.values())) {
      if (running.remove(lease.receipt()) != null) {
        queue.release(lease, clock.instant());
        handed++;
      }
    }
    return handed;
  }

  /** The heartbeat: a failure to renew is tried again at the next beat, well before the lease ends. */
  private void renew(JobLease lease) {
    try {
      if (running.containsKey(lease.receipt())) {
        queue.extend(lease, clock.instant(), policy.lease());
      }
    } catch (RuntimeException e) {
      // The queue is unreachable for now; two more beats come before the lease ends.
    }
  }

  /**
   * The event's consumers, each on its own: the mail job is queued whatever the webhooks answer,
   * then the webhooks get their first attempts. The job fails (and runs again, which at least once
   * allows) only when the store could not take what it had to write.
   */
  private Optional<String> publish(String subject) {
    Optional<RecordingEvent> event = webhooks().event(subject);
    if (event.isEmpty()) {
      return Optional.empty();
    }
    mail.ifPresent(service -> service.queue(event.get()));
    return webhooks().publish(event.get());
  }

  /** Mail jobs are queued only where the builder was given a mailer. */
  private MailService mail() {
    return mail.orElseThrow(() -> new IllegalStateException("a mail job, but no mailer was given"));
  }

  /** Event jobs exist only where the builder was given an outbox, which comes with the webhooks. */
  private WebhookService webhooks() {
    return webhooks.orElseThrow(() -> new IllegalStateException("an event job, but no webhooks were given"));
  }

  /** One daemon thread renews the leases of every running job of the process; made when first needed. */
  private static final class Heartbeats {

    static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "job-heartbeat");
      thread.setDaemon(true);
      return thread;
    });

    private Heartbeats() {}
  }
}
