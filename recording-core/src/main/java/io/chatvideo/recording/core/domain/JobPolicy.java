package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the job runtime holds and retries jobs, whatever they do (processing, speakers, webhooks,
 * mail). A worker leases a job for {@code lease} and renews that lease every third of it while the
 * job runs (a heartbeat), so a job may run for hours while a worker that died gives its job back
 * {@code lease} later at most. A failed attempt comes back after its kind's {@link Backoff}: the
 * one rule for every kind, each kind with its own first wait (mail's is longer: a mail service's
 * outage lasts minutes, not seconds).
 *
 * <pre>{@code
 * new JobPolicy(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(1));
 * }</pre>
 */
public record JobPolicy(Duration lease, Map<JobKind, Backoff> backoffs) {

  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);
  /** The first wait of every kind but mail. */
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(30);
  /** The first wait of a mail job. */
  public static final Duration DEFAULT_MAIL_RETRY_BASE = Duration.ofMinutes(1);
  /** A retry never waits longer than this, whatever the attempt. */
  public static final Duration MAX_RETRY_WAIT = Duration.ofHours(1);

  public JobPolicy {
    Objects.requireNonNull(lease, "lease");
    // SQS holds a message invisible for at most 12 hours, and counts in whole seconds.
    if (lease.compareTo(Duration.ofSeconds(5)) < 0 || lease.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException("the job lease must be 5 seconds to 12 hours, was " + lease);
    }
    backoffs = Map.copyOf(backoffs);
    for (JobKind kind : JobKind.values()) {
      if (!backoffs.containsKey(kind)) {
        throw new IllegalArgumentException("no backoff for " + kind + " jobs");
      }
    }
  }

  /**
   * Every kind's backoff starts at {@code retryBase}, mail's at {@code mailRetryBase}; each waits
   * at most {@link #MAX_RETRY_WAIT}.
   */
  public JobPolicy(Duration lease, Duration retryBase, Duration mailRetryBase) {
    this(lease, backoffs(retryBase, mailRetryBase));
  }

  public static JobPolicy defaults() {
    return new JobPolicy(DEFAULT_LEASE, DEFAULT_RETRY_BASE, DEFAULT_MAIL_RETRY_BASE);
  }

  /** How often a running job's lease is renewed: a third of it, so two renewals may fail before it ends. */
  public Duration heartbeat() {
    return lease.dividedBy(3);
  }

  /** How long a {@code kind} job's failed attempt {@code attempt} (from 1) waits before the next. */
  public Duration retryWait(JobKind kind, int attempt) {
    return backoffs.get(kind).wait(attempt);
  }

  /**
   * How long a {@code kind} job may go unfinished before nothing can still finish it: every attempt
   * the queue gives it ({@code maxAttempts}), each at most {@code attemptLimit}, and the waits
   * between them.
   */
  public Duration giveUpAfter(JobKind kind, Duration attemptLimit, int maxAttempts) {
    Duration total = Duration.ZERO;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      total = total.plus(attemptLimit).plus(retryWait(kind, attempt));
    }
    return total;
  }

  private static Map<JobKind, Backoff> backoffs(Duration retryBase, Duration mailRetryBase) {
    Map<JobKind, Backoff> backoffs = new EnumMap<>(JobKind.class);
    for (JobKind kind : JobKind.values()) {
      backoffs.put(kind, new Backoff(kind == JobKind.SEND_EMAIL ? mailRetryBase : retryBase, MAX_RETRY_WAIT));
    }
    return backoffs;
  }
}
