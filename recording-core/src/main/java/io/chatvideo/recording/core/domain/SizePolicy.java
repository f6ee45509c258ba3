package io.chatvideo.recording.core.domain;

/**
 * Upload size bounds. A single PUT carries 1 byte to {@code maxSinglePutBytes} (5 GiB unless
 * configured, never above S3's 5 GiB); a multipart upload has at most 10,000 parts of 5 MiB to
 * 5 GiB each, the last one allowed to be smaller.
 */
public record SizePolicy(long maxSinglePutBytes) {

  public static final long MiB = 1024L * 1024;
  public static final long GiB = 1024L * MiB;
  public static final long MIN_PART_BYTES = 5 * MiB;
  public static final long MAX_PART_BYTES = 5 * GiB;
  public static final int MAX_PARTS = 10_000;
  public static final long DEFAULT_MAX_SINGLE_PUT = 5 * GiB;

  public SizePolicy {
    if (maxSinglePutBytes < 1 || maxSinglePutBytes > DEFAULT_MAX_SINGLE_PUT) {
      throw new IllegalArgumentException(
          "maximum upload size must be 1 byte to 5 GiB (5368709120), was " + maxSinglePutBytes);
    }
  }

  public static SizePolicy defaults() {
    return new SizePolicy(DEFAULT_MAX_SINGLE_PUT);
  }

  /** Checks a size the caller declares for a single PUT. */
  public long checkDeclaredSize(long size) {
    if (size < 1) {
      throw new InvalidInputException("size", "must be at least 1 byte");
    }
    if (size > maxSinglePutBytes) {
      throw new InvalidInputException("size", "must be at most " + maxSinglePutBytes
          + " bytes for a single upload; use a multipart upload for larger files");
    }
    return size;
  }

  /** Checks a part number for a multipart upload. */
  public static int checkPartNumber(int partNumber) {
    if (partNumber < 1 || partNumber > MAX_PARTS) {
      throw new InvalidInputException("part_number", "must be 1 to " + MAX_PARTS + ", was " + partNumber);
    }
    return partNumber;
  }

  /** Checks stored parts in order: each 5 MiB to 5 GiB, only the last may be smaller. */
  public static void checkPartSizes(java.util.List<StoredPart> partsInOrder) {
    for (int i = 0; i < partsInOrder.size(); i++) {
      StoredPart part = partsInOrder.get(i);
      boolean last = i == partsInOrder.size() - 1;
      if (part.size() > MAX_PART_BYTES || part.size() < 1 || (!last && part.size() < MIN_PART_BYTES)) {
        throw new InvalidInputException("parts", "part " + part.partNumber() + " has " + part.size()
            + " bytes; every part but the last must have 5 MiB to 5 GiB");
      }
    }
  }
}
