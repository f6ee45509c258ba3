package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The builder's queue, ringing this process's {@link JobBell} after every job it writes. */
final class RingingJobQueue implements JobQueue {

  private final JobQueue queue;
  private final JobBell bell;

  RingingJobQueue(JobQueue queue, JobBell bell) {
    this.queue = queue;
    this.bell = bell;
  }

  @Override
  public JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
    JobId id = queue.enqueue(kind, subject, now, dueAt);
    bell.ring();
    return id;
  }

  @Override
  public Optional<JobLease> lease(Instant now, Duration visibility) {
    return queue.lease(now, visibility);
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
