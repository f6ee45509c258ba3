package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.Job;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A {@link JobQueue} in memory, for core tests; it keeps the contract the durable queues keep. */
public final class InMemoryJobQueue implements JobQueue {

  private final int maxAttempts;
  private final Map<JobId, Entry> jobs = new LinkedHashMap<>();
  private final List<DeadJob> dead = new ArrayList<>();
  private final List<JobKind> enqueued = new ArrayList<>();
  private final List<JobKind> refused = new ArrayList<>();
  private int extended;
  private int released;

  public InMemoryJobQueue(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("a job gets at least one attempt");
    }
    this.maxAttempts = maxAttempts;
  }

  @Override
  public synchronized JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
    if (refused.remove(kind)) {
      throw new StorageUnavailableException("the job queue is down");
    }
    Job job = new Job(JobId.random(), kind, subject);
    enqueued.add(kind);
    jobs.put(job.id(), new Entry(job, dueAt.isBefore(now) ? now : dueAt, 0, null, null));
    return job.id();
  }

  @Override
  public synchronized Optional<JobLease> lease(Instant now, Duration visibility) {
    for (Entry entry : List.copyOf(jobs.values())) {
      if (entry.dueAt().isAfter(now)) {
        continue;
      }
      if (entry.attempts() >= maxAttempts) {
        jobs.remove(entry.job().id());
        dead.add(new DeadJob(entry.job(), entry.attempts(), Optional.ofNullable(entry.lastReason())
            .orElse("its lease ended " + entry.attempts() + " times without an answer"), now));
        continue;
      }
      JobLease lease = new JobLease(entry.job(), entry.attempts() + 1, UUID.randomUUID().toString(),
          now.plus(visibility));
      jobs.put(entry.job().id(), new Entry(entry.job(), lease.visibleAgainAt(), lease.attempt(), lease.receipt(),
          entry.lastReason()));
      return Optional.of(lease);
    }
    return Optional.empty();
  }

  @Override
  public synchronized boolean extend(JobLease lease, Instant now, Duration visibility) {
    if (!holds(lease)) {
      return false;
    }
    Entry entry = jobs.get(lease.job().id());
    jobs.put(entry.job().id(), new Entry(entry.job(), now.plus(visibility), entry.attempts(), entry.receipt(),
        entry.lastReason()));
    extended++;
    return true;
  }

  @Override
  public synchronized void release(JobLease lease, Instant now) {
    if (holds(lease)) {
      Entry entry = jobs.get(lease.job().id());
      jobs.put(entry.job().id(), new Entry(entry.job(), now, entry.attempts(), null, entry.lastReason()));
      released++;
    }
  }

  /** How many leases were renewed ({@link #extend}) so far. */
  public synchronized int extended() {
    return extended;
  }

  /** How many leases were given back undone ({@link #release}) so far. */
  public synchronized int released() {
    return released;
  }

  @Override
  public synchronized void complete(JobLease lease) {
    if (holds(lease)) {
      jobs.remove(lease.job().id());
    }
  }

  @Override
  public synchronized void fail(JobLease lease, String reason, Optional<Instant> retryAt, Instant now) {
    if (!holds(lease)) {
      return;
    }
    if (retryAt.isEmpty()) {
      jobs.remove(lease.job().id());
      dead.add(new DeadJob(lease.job(), lease.attempt(), reason, now));
    } else {
      jobs.put(lease.job().id(), new Entry(lease.job(), retryAt.get(), lease.attempt(), null, reason));
    }
  }

  @Override
  public synchronized List<DeadJob> dead(int limit) {
    return dead.stream().sorted(Comparator.comparing(DeadJob::diedAt).reversed()).limit(limit).toList();
  }

  /** The kind of every job ever enqueued, in order, for tests that assert a job was never queued. */
  public synchronized List<JobKind> enqueuedKinds() {
    return List.copyOf(enqueued);
  }

  /** The next enqueue of a job of this kind fails as a durable queue's would when its store is down. */
  public synchronized void refuseNext(JobKind kind) {
    refused.add(kind);
  }

  @Override
  public int maxAttempts() {
    return maxAttempts;
  }

  private boolean holds(JobLease lease) {
    Entry entry = jobs.get(lease.job().id());
    return entry != null && lease.receipt().equals(entry.receipt());
  }

  private record Entry(Job job, Instant dueAt, int attempts, String receipt, String lastReason) {}
}
