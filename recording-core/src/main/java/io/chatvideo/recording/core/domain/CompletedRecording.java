package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The object was found in storage with an acceptable size; it can be downloaded until expiry.
 * {@code duration} is the client's word until processing probes the file; {@code processing}
 * says what became of it after the upload. {@code partial} is set when the server completed the
 * upload itself with the bytes it had ({@link PendingRecording#salvage}); a later completion of
 * the whole file by the client clears it ({@link #replacedByWholeCall}). {@code replacementUploadId}
 * is the multipart upload a partial recording's returning client completes: the salvage starts it
 * with copies of the parts the server had, so the client sends only the rest.
 */
public record CompletedRecording(
    RecordingDetails details, long storedSize, Optional<String> sha256, Instant completedAt,
    Optional<Duration> duration, Processing processing, Optional<PartialReason> partial,
    Optional<String> replacementUploadId) implements Recording {

  public CompletedRecording {
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(completedAt, "completedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(processing, "processing");
    Objects.requireNonNull(partial, "partial");
    Objects.requireNonNull(replacementUploadId, "replacementUploadId");
    if (replacementUploadId.isPresent() && partial.isEmpty()) {
      throw new IllegalArgumentException("only a partial recording has a replacement upload");
    }
    if (storedSize < 1) {
      throw new IllegalArgumentException("a completed recording has at least one byte");
    }
  }

  public boolean isPartial() {
    return partial.isPresent();
  }

  @Override
  public RecordingStatus status() {
    return RecordingStatus.COMPLETED;
  }

  public CompletedRecording withProcessing(Processing processing) {
    return new CompletedRecording(details, storedSize, sha256, completedAt, duration, processing, partial,
        replacementUploadId);
  }

  /** The partial recording with the upload that its returning client may complete to replace it. */
  public CompletedRecording withReplacementUpload(String uploadId) {
    if (partial.isEmpty()) {
      throw new ConflictException("recording " + id() + " holds the whole call: there is nothing to replace");
    }
    return new CompletedRecording(details, storedSize, sha256, completedAt, duration, processing, partial,
        Optional.of(uploadId));
  }

  /**
   * The partial recording once its client completed the replacement upload: the object now holds
   * the whole call ({@code storedSize} bytes), and it is processed again from the start.
   */
  public CompletedRecording replacedByWholeCall(long storedSize, Optional<String> sha256, Instant completedAt,
      Optional<Duration> duration, Processing processing) {
    if (replacementUploadId.isEmpty()) {
      throw new ConflictException("recording " + id() + " has no replacement upload");
    }
    return new CompletedRecording(details, storedSize, sha256, completedAt, duration, processing, Optional.empty(),
        Optional.empty());
  }

  /** The original as processing left it: replaced by a seekable copy of {@code storedSize} bytes, or probed only. */
  public CompletedRecording processed(long storedSize, Optional<String> sha256, Duration probed, Processing processing) {
    return new CompletedRecording(details, storedSize, sha256, completedAt, Optional.of(probed), processing, partial,
        replacementUploadId);
  }
}
