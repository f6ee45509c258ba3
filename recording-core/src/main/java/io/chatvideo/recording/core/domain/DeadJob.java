package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.Objects;

/** A job the queue gave up on after {@code attempts} tries, with the last reason it was given. */
public record DeadJob(Job job, int attempts, String reason, Instant diedAt) {

  public DeadJob {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(diedAt, "diedAt");
  }
}
