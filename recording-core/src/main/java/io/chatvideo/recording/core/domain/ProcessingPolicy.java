package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How completed recordings are processed: whether at all ({@code enabled}), whether an MP4
 * rendition is made ({@code mp4}), how wide the poster is, how long one attempt may take at most
 * ({@code attemptLimit}; longer than the slowest step's time limit; with the job runtime's backoff,
 * the sweep's bound for a recording left {@code running}, {@link JobPolicy#giveUpAfter}), after how
 * long a recording still {@code queued} is queued again by the sweep (its job was lost between the
 * completion and the queue), and the longest call processed ({@code maxDuration}): a file whose
 * packets run longer fails {@code TOO_LONG}, so no upload makes a worker transcode for days. How
 * the job runtime leases and retries jobs is {@link JobPolicy}, not this.
 *
 * <pre>{@code
 * new ProcessingPolicy(true, true, 640, Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofHours(12));
 * }</pre>
 */
public record ProcessingPolicy(boolean enabled, boolean mp4, int thumbnailWidth, Duration attemptLimit,
    Duration requeueAfter, Duration maxDuration) {

  public static final int DEFAULT_THUMBNAIL_WIDTH = 640;
  public static final Duration DEFAULT_ATTEMPT_LIMIT = Duration.ofMinutes(30);
  public static final Duration DEFAULT_REQUEUE_AFTER = Duration.ofMinutes(10);
  /** The longest call processed unless configured: a working day and then some. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(12);

  public ProcessingPolicy {
    Objects.requireNonNull(attemptLimit, "attemptLimit");
    Objects.requireNonNull(requeueAfter, "requeueAfter");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (thumbnailWidth < 16 || thumbnailWidth > 4096) {
      throw new IllegalArgumentException("the thumbnail width must be 16 to 4096 pixels, was " + thumbnailWidth);
    }
    if (attemptLimit.compareTo(Duration.ofSeconds(5)) < 0 || attemptLimit.compareTo(Duration.ofHours(12)) > 0) {
      throw new IllegalArgumentException("one processing attempt's limit must be 5 seconds to 12 hours, was "
          + attemptLimit);
    }
    if (requeueAfter.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("requeue-after must be at least 1 minute, was " + requeueAfter);
    }
    if (maxDuration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("the longest recording processed must be at least 1 second, was "
          + maxDuration);
    }
  }

  public static ProcessingPolicy off() {
    return new ProcessingPolicy(false, true, DEFAULT_THUMBNAIL_WIDTH, DEFAULT_ATTEMPT_LIMIT, DEFAULT_REQUEUE_AFTER,
        DEFAULT_MAX_DURATION);
  }

  public static ProcessingPolicy on() {
    return new ProcessingPolicy(true, true, DEFAULT_THUMBNAIL_WIDTH, DEFAULT_ATTEMPT_LIMIT, DEFAULT_REQUEUE_AFTER,
        DEFAULT_MAX_DURATION);
  }
}
