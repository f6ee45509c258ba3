package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What one user may have in flight and store, so that nobody can fill the disk or the bucket for
 * everyone else: at most {@code maxPendingUploads} uploads whose window is open, {@code
 * maxRecordingBytes} in one recording (single PUT or the sum of a multipart upload's parts), and
 * {@code maxBytesPerDay} across the recordings created on one UTC day. Bytes count as their upload
 * URLs are signed (a declared size, each part's signed length), so an open upload is bounded too.
 * An upload's window (the life of its URLs) never reaches past {@code maxUploadWindow} after the
 * recording was created, however often parts are signed.
 *
 * <p>Example: {@code new UploadLimits(20, 20 * SizePolicy.GiB, 100 * SizePolicy.GiB, Duration.ofHours(24))}.
 */
public record UploadLimits(int maxPendingUploads, long maxRecordingBytes, long maxBytesPerDay,
    Duration maxUploadWindow) {

  public static final Duration DAY = Duration.ofDays(1);
  public static final int DEFAULT_MAX_PENDING_UPLOADS = 20;
  public static final long DEFAULT_MAX_RECORDING_BYTES = 20 * SizePolicy.GiB;
  public static final long DEFAULT_MAX_BYTES_PER_DAY = 100 * SizePolicy.GiB;
  public static final Duration DEFAULT_MAX_UPLOAD_WINDOW = Duration.ofHours(24);
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
    Objects.requireNonNull(maxUploadWindow, "maxUploadWindow");
    if (maxUploadWindow.isNegative() || maxUploadWindow.isZero() || maxUploadWindow.compareTo(PresignPolicy.MAX_TTL) > 0) {
      throw new IllegalArgumentException("the upload window must be positive and at most " + PresignPolicy.MAX_TTL
          + ", was " + maxUploadWindow);
    }
  }

  /** The limits with the default upload window. */
  public UploadLimits(int maxPendingUploads, long maxRecordingBytes, long maxBytesPerDay) {
    this(maxPendingUploads, maxRecordingBytes, maxBytesPerDay, DEFAULT_MAX_UPLOAD_WINDOW);
  }

  public static UploadLimits defaults() {
    return new UploadLimits(DEFAULT_MAX_PENDING_UPLOADS, DEFAULT_MAX_RECORDING_BYTES, DEFAULT_MAX_BYTES_PER_DAY);
  }

  /** The UTC day whose counter a recording created at {@code createdAt} counts towards. */
  public static LocalDate dayOf(Instant createdAt) {
    return LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
  }

  /** When the upload window of a recording created at {@code createdAt} closes for good. */
  public Instant uploadWindowEnd(Instant createdAt) {
    return createdAt.plus(maxUploadWindow);
  }

  /** Checks the size of one recording, declared or stored. */
  public void checkRecordingSize(String field, long size) {
    if (size > maxRecordingBytes) {
      throw new InvalidInputException(field, "a recording may hold at most " + maxRecordingBytes + " bytes, was "
          + size);
    }
  }
}
