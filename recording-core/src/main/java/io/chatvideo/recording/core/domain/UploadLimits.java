package io.chatvideo.recording.core.domain;

import java.time.Duration;

/**
 * What one user may have in flight and store, so that nobody can fill the disk or the bucket for
 * everyone else: at most {@code maxPendingUploads} uploads whose window is open, {@code
 * maxRecordingBytes} in one recording (single PUT or the sum of a multipart upload's parts), and
 * {@code maxBytesPerDay} across the recordings created in the last {@link #DAY}.
 *
 * <p>Example: {@code new UploadLimits(20, 20 * SizePolicy.GiB, 100 * SizePolicy.GiB)}.
 */
public record UploadLimits(int maxPendingUploads, long maxRecordingBytes, long maxBytesPerDay) {

  public static final Duration DAY = Duration.ofDays(1);
  public static final int DEFAULT_MAX_PENDING_UPLOADS = 20;
  public static final long DEFAULT_MAX_RECORDING_BYTES = 20 * SizePolicy.GiB;
  public static final long DEFAULT_MAX_BYTES_PER_DAY = 100 * SizePolicy.GiB;
  /** Beyond this many pending uploads a user could hold the sweep and the listing hostage. */
  public static final int MAX_PENDING_UPLOADS = 1_000;

  public UploadLimits {
    if (maxPendingUploads < 1 || maxPendingUploads > MAX_PENDING_UPLOADS) {
      throw new IllegalArgumentException("pending uploads per user must be 1 to " + MAX_PENDING_UPLOADS + ", was "
          + maxPendingUploads);
    }
    if (maxRecordingBytes < 1 || maxRecordingBytes > SizePolicy.MAX_PARTS * SizePolicy.MAX_PART_BYTES) {
      throw new IllegalArgumentException("bytes per recording must be 1 to " + SizePolicy.MAX_PARTS * SizePolicy.MAX_PART_BYTES
          + " (10,000 parts of 5 GiB), was " + maxRecordingBytes);
    }
    if (maxBytesPerDay < maxRecordingBytes) {
      throw new IllegalArgumentException("bytes per day (" + maxBytesPerDay
          + ") must be at least the bytes per recording (" + maxRecordingBytes + ")");
    }
  }

  public static UploadLimits defaults() {
    return new UploadLimits(DEFAULT_MAX_PENDING_UPLOADS, DEFAULT_MAX_RECORDING_BYTES, DEFAULT_MAX_BYTES_PER_DAY);
  }

  /** Checks the size of one recording, declared or stored. */
  public void checkRecordingSize(String field, long size) {
    if (size > maxRecordingBytes) {
      throw new InvalidInputException(field, "a recording may hold at most " + maxRecordingBytes + " bytes, was "
          + size);
    }
  }
}
