package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The upload window closed without a completion; the sweep removes what was partly uploaded. */
public record AbandonedRecording(
    RecordingDetails details, Optional<String> multipartUploadId, Instant abandonedAt) implements Recording {

  public AbandonedRecording {
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(multipartUploadId, "multipartUploadId");
    Objects.requireNonNull(abandonedAt, "abandonedAt");
  }

  @Override
  public RecordingStatus status() {
    return RecordingStatus.ABANDONED;
  }
}
