package io.chatvideo.recording.mail;

import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.port.out.ForwardingJobQueue;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The real queue, with a note of every kind queued and every failure answered, for asserting what happened. */
final class WatchedJobQueue extends ForwardingJobQueue {

  private final List<JobKind> enqueued = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  WatchedJobQueue(JobQueue queue) {
    super(queue);
  }

  synchronized List<JobKind> enqueued() {
    return List.copyOf(enqueued);
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public synchronized JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
    enqueued.add(kind);
    return super.enqueue(kind, subject, now, dueAt);
  }

  @Override
  public synchronized void fail(JobLease lease, String reason, Optional<Instant> retryAt, Instant now) {
    failures.add(lease.job().kind() + " attempt " + lease.attempt() + ": " + reason + retryAt.map(at -> ", again at " + at).orElse(", dead"));
    super.fail(lease, reason, retryAt, now);
  }
}
