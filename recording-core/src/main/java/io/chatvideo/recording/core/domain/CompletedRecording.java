package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The object was found in storage with an acceptable size; it can be downloaded until expiry. */
public record CompletedRecording(
    RecordingDetails details, long storedSize, Optional<String> sha256, Instant completedAt,
    Optional<Duration> duration) implements Recording {

  public CompletedRecording {
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(duration, "duration");
    if (storedSize < 1) {
      throw new IllegalArgumentException("a completed recording has at least one byte");
    }
  }

  @Override
  public RecordingStatus status() {
    return RecordingStatus.COMPLETED;
  }
}
