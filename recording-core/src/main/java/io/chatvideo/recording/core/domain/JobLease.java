package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One attempt at a job, held by one worker until {@code visibleAgainAt}: then, unless completed
 * or failed first, the job goes back to the queue for another worker. {@code attempt} counts
 * from 1; {@code receipt} tells this attempt from later ones of the same job.
 */
public record JobLease(Job job, int attempt, String receipt, Instant visibleAgainAt) {

  public JobLease {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(visibleAgainAt, "visibleAgainAt");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempts count from 1, not " + attempt);
    }
  }
}
