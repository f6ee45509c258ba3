package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How the job runtime holds and retries jobs, whatever they do (processing, webhooks, mail).
 * A worker leases a job for {@code lease} and renews that lease every third of it while the job
 * runs (a heartbeat), so a job may run for hours while a worker that died gives its job back
 * {@code lease} later at most. A failed attempt comes back after {@link #retryWait}: {@code
 * retryBase}, four times longer each time, at most {@link #MAX_RETRY_WAIT}. Mail jobs keep a
 * backoff of their own (a mail service's outage lasts minutes).
 *
 * <pre>{@code
 * new JobPolicy(Duration.ofMinutes(1), Duration.ofSeconds(30));
 * }</pre>
 */
public record JobPolicy(Duration lease, Duration retryBase) {

  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(30);
  /** A retry never waits longer than this, whatever the attempt. */
  public static final Duration MAX_RETRY_WAIT = Duration.ofHours(1);

  public JobPolicy {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(retryBase, "retryBase");
    // SQS holds a message invisible for at most 12 hours, and counts in whole seconds.
    if (lease.compareTo(Duration.ofSeconds(5)) < 0 || lease.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException("the job lease must be 5 seconds to 12 hours, was " + lease);
    }
    if (retryBase.isNegative() || retryBase.compareTo(MAX_RETRY_WAIT) > 0) {
      throw new IllegalArgumentException("the retry base must be 0 to 1 hour, was " + retryBase);
    }
  }

  public static JobPolicy defaults() {
    return new JobPolicy(DEFAULT_LEASE, DEFAULT_RETRY_BASE);
  }

  /** How often a running job's lease is renewed: a third of it, so two renewals may fail before it ends. */
  public Duration heartbeat() {
    return lease.dividedBy(3);
  }

  /** How long the failed attempt {@code attempt} (from 1) waits before the next: the base, times 4 each time, capped. */
  public Duration retryWait(int attempt) {
    Duration wait = retryBase;
    for (int i = 1; i < attempt && wait.compareTo(MAX_RETRY_WAIT) < 0; i++) {
      wait = wait.multipliedBy(4);
    }
    return wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait;
  }
}
