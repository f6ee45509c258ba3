package io.chatvideo.recording.core.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one owner has in flight and stored since a point in time, as {@link
 * RecordingRepository#uploadUsage} reads it for the upload limits.
 *
 * @param openUploads PENDING recordings whose upload window is still open
 * @param earliestOpenWindowEnd when the first of those windows closes; present exactly when
 *     {@code openUploads > 0}
 * @param bytes the declared size of the open uploads plus the stored size of the completed
 *     recordings
 * @param oldestCreatedAt the creation time of the oldest recording counted, in any state; empty
 *     when there is none
 */
public record UploadUsage(int openUploads, Optional<Instant> earliestOpenWindowEnd, long bytes,
    Optional<Instant> oldestCreatedAt) {

  /** Nothing in flight, nothing stored. */
  public static final UploadUsage NONE = new UploadUsage(0, Optional.empty(), 0, Optional.empty());

  public UploadUsage {
    Objects.requireNonNull(earliestOpenWindowEnd, "earliestOpenWindowEnd");
    Objects.requireNonNull(oldestCreatedAt, "oldestCreatedAt");
    if (openUploads < 0 || bytes < 0) {
      throw new IllegalArgumentException("open uploads and bytes must not be negative, were " + openUploads + " and "
          + bytes);
    }
    if ((openUploads > 0) != earliestOpenWindowEnd.isPresent()) {
      throw new IllegalArgumentException("the earliest open window end is there exactly when uploads are open ("
          + openUploads + ")");
    }
  }
}
