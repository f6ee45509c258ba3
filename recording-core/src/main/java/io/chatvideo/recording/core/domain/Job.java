package io.chatvideo.recording.core.domain;

import java.util.Objects;

/**
 * Work to do later, durably: what ({@code kind}) on what ({@code subject}, e.g. a recording id).
 * A job runs at least once; whatever it does must be safe to do twice.
 */
public record Job(JobId id, JobKind kind, String subject) {

  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    if (subject.isBlank() || subject.length() > 1024) {
      throw new IllegalArgumentException("a job's subject is 1 to 1024 characters, not " + subject.length());
    }
  }
}
