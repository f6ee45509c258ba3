package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.port.out.ForwardingJobQueue;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backend's job queue as the worker sees it: every answer to a lease (done, back later, dead)
 * goes to the queue and then to a {@link Listener}, with the time since the lease, so the worker
 * prints a line per job without the core having to tell it anything.
 */
final class ReportingJobQueue extends ForwardingJobQueue {

  /** Hears how each leased job ended. */
  interface Listener {

    /**
     * {@code failure} is empty when the job is done; {@code retryAt} is when a failed job comes
     * back, empty when it is dead.
     */
    void ended(JobLease lease, Optional<String> failure, Optional<Instant> retryAt, Duration took);

    /** The job went back to the queue undone, due at once, for the next worker (this one stops). */
    void handedBack(JobLease lease, Duration took);
  }

  private final Listener listener;
  private final Map<String, Long> leasedAt = new ConcurrentHashMap<>();

  ReportingJobQueue(JobQueue queue, Listener listener) {
    super(queue);
    this.listener = listener;
  }

  @Override
  public Optional<JobLease> lease(Instant now, Duration visibility) {
    return started(super.lease(now, visibility));
  }

  @Override
  public Optional<JobLease> lease(Instant now, Duration visibility, Duration wait) {
    return started(super.lease(now, visibility, wait));
  }

  /** Given back undone (the worker stops): reported as such, with no reason. */
  @Override
  public void release(JobLease lease, Instant now) {
    super.release(lease, now);
    listener.handedBack(lease, took(lease));
  }

  private Optional<JobLease> started(Optional<JobLease> lease) {
    // Elapsed time, not a time of day: the monotonic clock, whatever clock the core runs on.
    lease.ifPresent(leased -> leasedAt.put(leased.receipt(), System.nanoTime()));
    return lease;
  }

  @Override
  public void complete(JobLease lease) {
    super.complete(lease);
    listener.ended(lease, Optional.empty(), Optional.empty(), took(lease));
  }

  @Override
  public void fail(JobLease lease, String reason, Optional<Instant> retryAt, Instant now) {
    super.fail(lease, reason, retryAt, now);
    listener.ended(lease, Optional.of(reason), retryAt, took(lease));
  }

  private Duration took(JobLease lease) {
    Long start = leasedAt.remove(lease.receipt());
    return start == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
  }
}
