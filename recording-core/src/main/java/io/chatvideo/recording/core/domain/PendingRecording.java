package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An upload URL was issued; the bytes may or may not have arrived. {@code multipartUploadId} is
 * set for a progressive (multipart) upload. {@code uploadExpiresAt} is when the newest upload URL
 * expires: once it has passed, plus a grace for uploads still in flight, the recording is
 * abandoned.
 */
public record PendingRecording(
    RecordingDetails details, Optional<String> multipartUploadId, Instant uploadExpiresAt) implements Recording {

  public PendingRecording {
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(multipartUploadId, "multipartUploadId");
    Objects.requireNonNull(uploadExpiresAt, "uploadExpiresAt");
  }

  @Override
  public RecordingStatus status() {
    return RecordingStatus.PENDING;
  }

  public boolean isMultipart() {
    return multipartUploadId.isPresent();
  }

  /** Marks the upload verified: {@code storedSize} bytes are in storage; nothing will process it. */
  public CompletedRecording complete(long storedSize, Optional<String> sha256, Instant completedAt,
      Optional<Duration> duration) {
    if (storedSize < 1) {
      throw new ConflictException("the uploaded object is empty");
    }
    if (details.declaredSize().isPresent() && storedSize > details.declaredSize().getAsLong()) {
      throw new ConflictException("the uploaded object has " + storedSize + " bytes, more than the declared "
          + details.declaredSize().getAsLong());
    }
    return new CompletedRecording(details, storedSize, sha256, completedAt, duration, Processing.off(completedAt),
        Optional.empty(), Optional.empty());
  }

  /**
   * Completes an upload the client never completed, with the {@code storedSize} bytes that reached
   * storage before its window closed: a recording of the call up to where the client stopped.
   */
  public CompletedRecording salvage(long storedSize, Optional<String> sha256, Instant salvagedAt) {
    CompletedRecording whole = complete(storedSize, sha256, salvagedAt, Optional.empty());
    return new CompletedRecording(details, whole.storedSize(), sha256, salvagedAt, Optional.empty(),
        whole.processing(), Optional.of(PartialReason.CLIENT_GONE), Optional.empty());
  }

  /** Gives up on an upload whose window closed. */
  public AbandonedRecording abandon(Instant abandonedAt) {
    return new AbandonedRecording(details, multipartUploadId, abandonedAt);
  }

  /** The same upload with a later window, when new part URLs are signed. */
  public PendingRecording withUploadExpiresAt(Instant expiresAt) {
    return expiresAt.isAfter(uploadExpiresAt) ? new PendingRecording(details, multipartUploadId, expiresAt) : this;
  }

  /** Whether the window closed more than {@code grace} ago, so nothing can still be uploading. */
  public boolean isAbandonedAt(Instant now, Duration grace) {
    return now.isAfter(uploadExpiresAt.plus(grace));
  }
}
