package io.chatvideo.recording.core.domain;

import java.util.Objects;
import java.util.UUID;

/** A queued job's identity, stable across its attempts. */
public record JobId(UUID value) {

  public JobId {
    Objects.requireNonNull(value, "value");
  }

  public static JobId random() {
    return new JobId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
