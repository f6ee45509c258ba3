package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JobQueue} that hands every call to another one, for a queue that adds one thing to a
 * few calls (rings a bell on enqueue, reports how each lease ended) and overrides only those.
 *
 * <pre>{@code
 * JobQueue counted = new ForwardingJobQueue(queue) {
 *   @Override public JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
 *     enqueued.incrementAndGet();
 *     return super.enqueue(kind, subject, now, dueAt);
 *   }
 * };
 * }</pre>
 */
public abstract class ForwardingJobQueue implements JobQueue {

  private final JobQueue queue;

  protected ForwardingJobQueue(JobQueue queue) {
    this.queue = Objects.requireNonNull(queue, "queue");
  }

  @Override
  public JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
    return queue.enqueue(kind, subject, now, dueAt);
  }

  @Override
  public Optional<JobLease> lease(Instant now, Duration visibility) {
    return queue.lease(now, visibility);
  }

  @Override
  public Optional<JobLease> lease(Instant now, Duration visibility, Duration wait) {
    return queue.lease(now, visibility, wait);
  }

  @Override
  public boolean extend(JobLease lease, Instant now, Duration visibility) {
    return queue.extend(lease, now, visibility);
  }

  @Override
  public void release(JobLease lease, Instant now) {
    queue.release(lease, now);
  }

  @Override
  public void complete(JobLease lease) {
    queue.complete(lease);
  }

  @Override
  public void fail(JobLease lease, String reason, Optional<Instant> retryAt, Instant now) {
    queue.fail(lease, reason, retryAt, now);
  }

  @Override
  public List<DeadJob> dead(int limit) {
    return queue.dead(limit);
  }

  @Override
  public int maxAttempts() {
    return queue.maxAttempts();
  }
}
