package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A durable queue of jobs with leases: the embedded default keeps it in SQLite, production in
 * Amazon SQS with a dead-letter queue. Times are parameters ({@code now}); a queue whose service
 * keeps its own clock (SQS) follows that one.
 *
 * <p>A job that a worker leased and neither completed nor failed (the worker died) comes back
 * when the lease ends; after {@link #maxAttempts()} such attempts the queue gives up on it, so a
 * job that kills its worker every time cannot stop the others.
 *
 * <pre>{@code
 * queue.enqueue(JobKind.PROCESS_RECORDING, recordingId.toString(), now);
 * queue.lease(now, Duration.ofMinutes(5)).ifPresent(lease -> { work(lease.job()); queue.complete(lease); });
 * }</pre>
 */
public interface JobQueue {

  /** Adds a job, due at once. */
  default JobId enqueue(JobKind kind, String subject, Instant now) {
    return enqueue(kind, subject, now, now);
  }

  /**
   * Adds a job that no lease takes before {@code dueAt} (a webhook's retry is a new job due at the
   * schedule's time). SQS delays a message by at most 15 minutes: a later job is due then.
   */
  JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt);

  /** The next due job, hidden from every other lease until {@code now + visibility}; empty when none is due. */
  Optional<JobLease> lease(Instant now, Duration visibility);

  /**
   * As {@link #lease(Instant, Duration)}, but a queue that can wait for a job to arrive (SQS's
   * long polling) waits up to {@code wait} before it answers that none is due: one request instead
   * of one every idle pause. An interrupt of the waiting thread ends the wait with an empty answer.
   * A queue that cannot wait answers at once (the default).
   */
  default Optional<JobLease> lease(Instant now, Duration visibility, Duration wait) {
    return lease(now, visibility);
  }

  /**
   * Keeps the leased job hidden until {@code now + visibility} (the running job's heartbeat).
   * Answers false, changing nothing, when the job has moved past this lease (it ended, or another
   * worker holds the job now).
   */
  boolean extend(JobLease lease, Instant now, Duration visibility);

  /**
   * Gives the job back undone, due at once, for the next lease (a worker that stops). The attempt
   * counts as one of {@link #maxAttempts()}, as SQS counts every receive. A lease the job has moved
   * past changes nothing.
   */
  void release(JobLease lease, Instant now);

  /**
   * The job is done and never leased again. Completing again, or with a lease the job has moved
   * past (it ended and another worker leased the job), changes nothing.
   */
  void complete(JobLease lease);

  /**
   * This attempt failed for {@code reason}: the job comes back at {@code retryAt}, or, with no
   * retry, is dead and listed by {@link #dead}. A lease the job has moved past changes nothing.
   */
  void fail(JobLease lease, String reason, Optional<Instant> retryAt, Instant now);

  /** Jobs the queue gave up on, the most recent first. */
  List<DeadJob> dead(int limit);

  /** How many attempts a job gets before the queue gives up on it. */
  int maxAttempts();
}
