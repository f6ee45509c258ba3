package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How completed recordings are processed: whether at all ({@code enabled}), whether an MP4
 * rendition is made ({@code mp4}), how wide the poster is, how long one attempt may take at most
 * ({@code lease}; longer than the slowest step's time limit; with {@code retryBase}, the sweep's
 * bound for a recording left {@code running}, {@link #giveUpAfter}), and after how long a
 * recording still {@code queued} is queued again by the sweep (its job was lost between the
 * completion and the queue), and the longest call processed ({@code maxDuration}): a file whose
 * packets run longer fails {@code TOO_LONG}, so no upload makes a worker transcode for days. How
 * the job runtime leases and retries jobs is {@link JobPolicy}.
 *
 * <pre>{@code
 * new ProcessingPolicy(true, true, 640, Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofSeconds(30),
 *     Duration.ofHours(12));
 * }</pre>
 */
public record ProcessingPolicy(boolean enabled, boolean mp4, int thumbnailWidth, Duration lease,
    Duration requeueAfter, Duration retryBase, Duration maxDuration) {

  public static final int DEFAULT_THUMBNAIL_WIDTH = 640;
  public static final Duration DEFAULT_LEASE = Duration.ofMinutes(30);
  public static final Duration DEFAULT_REQUEUE_AFTER = Duration.ofMinutes(10);
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(30);
  /** A retry never waits longer than this, whatever the attempt. */
  public static final Duration MAX_RETRY_WAIT = Duration.ofHours(1);
  /** The longest call processed unless configured: a working day and then some. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(12);

  public ProcessingPolicy {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(requeueAfter, "requeueAfter");
    Objects.requireNonNull(retryBase, "retryBase");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (thumbnailWidth < 16 || thumbnailWidth > 4096) {
      throw new IllegalArgumentException("the thumbnail width must be 16 to 4096 pixels, was " + thumbnailWidth);
    }
    // SQS holds a message invisible for at most 12 hours.
    if (lease.compareTo(Duration.ofSeconds(5)) < 0 || lease.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException("the processing lease must be 5 seconds to 12 hours, was " + lease);
    }
    if (requeueAfter.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("requeue-after must be at least 1 minute, was " + requeueAfter);
    }
    if (retryBase.isNegative() || retryBase.compareTo(MAX_RETRY_WAIT) > 0) {
      throw new IllegalArgumentException("the retry base must be 0 to 1 hour, was " + retryBase);
    }
    if (maxDuration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the longest recording processed must be at least 1 second, was "
          + maxDuration);
    }
  }

  /** As configured before the longest call was a setting: {@link #DEFAULT_MAX_DURATION}. */
  public ProcessingPolicy(boolean enabled, boolean mp4, int thumbnailWidth, Duration lease, Duration requeueAfter,
      Duration retryBase) {
    this(enabled, mp4, thumbnailWidth, lease, requeueAfter, retryBase, DEFAULT_MAX_DURATION);
  }

  public static ProcessingPolicy off() {
    return new ProcessingPolicy(false, true, DEFAULT_THUMBNAIL_WIDTH, DEFAULT_LEASE, DEFAULT_REQUEUE_AFTER,
        DEFAULT_RETRY_BASE);
  }

  public static ProcessingPolicy on() {
    return new ProcessingPolicy(true, true, DEFAULT_THUMBNAIL_WIDTH, DEFAULT_LEASE, DEFAULT_REQUEUE_AFTER,
        DEFAULT_RETRY_BASE);
  }

  /** How long the failed attempt {@code attempt} (from 1) waits before the next: the base, times 4 each time, capped. */
  public Duration retryWait(int attempt) {
    Duration wait = retryBase;
    for (int i = 1; i < attempt && wait.compareTo(MAX_RETRY_WAIT) < 0; i++) {
      wait = wait.multipliedBy(4);
    }
    return wait.compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait;
  }

  /**
   * How long a recording may stay {@code running} before the sweep calls it failed: every attempt
   * the queue gives it, each a full lease, and the waits between them.
   */
  public Duration giveUpAfter(int maxAttempts) {
    Duration total = Duration.ZERO;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      total = total.plus(lease).plus(retryWait(attempt));
    }
    return total;
  }
}
