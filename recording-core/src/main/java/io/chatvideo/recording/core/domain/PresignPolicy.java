package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long presigned URLs live: uploads 30 minutes and downloads 1 hour unless configured. A URL
 * never outlives 7 days (SigV4's limit), the recording's {@code expires_at}, or the credentials
 * that sign it. A configured lifetime over 7 days is refused here, when the policy is built.
 */
public record PresignPolicy(Duration uploadTtl, Duration downloadTtl) {

  public static final Duration MAX_TTL = Duration.ofDays(7);
  public static final Duration DEFAULT_UPLOAD_TTL = Duration.ofMinutes(30);
  public static final Duration DEFAULT_DOWNLOAD_TTL = Duration.ofHours(1);

  public PresignPolicy {
    check("upload URL expiry", uploadTtl);
    check("download URL expiry", downloadTtl);
  }

  public static PresignPolicy defaults() {
    return new PresignPolicy(DEFAULT_UPLOAD_TTL, DEFAULT_DOWNLOAD_TTL);
  }

  /** When an upload URL signed at {@code now} expires. */
  public Instant uploadExpiry(Instant now, Instant recordingExpiresAt, Optional<Instant> credentialsExpiry) {
    return cap(now.plus(uploadTtl), now, recordingExpiresAt, credentialsExpiry);
  }

  /** When a download URL signed at {@code now} expires. */
  public Instant downloadExpiry(Instant now, Instant recordingExpiresAt, Optional<Instant> credentialsExpiry) {
    return cap(now.plus(downloadTtl), now, recordingExpiresAt, credentialsExpiry);
  }

  private static Instant cap(Instant wanted, Instant now, Instant recordingExpiresAt, Optional<Instant> credentialsExpiry) {
    Instant expiry = min(min(wanted, now.plus(MAX_TTL)), recordingExpiresAt);
    if (credentialsExpiry.isPresent()) {
      expiry = min(expiry, credentialsExpiry.get());
    }
    if (!expiry.isAfter(now)) {
      throw new StorageUnavailableException(credentialsExpiry.isPresent() && !credentialsExpiry.get().isAfter(now)
          ? "the storage credentials have expired; cannot sign a URL"
          : "the recording has expired; cannot sign a URL");
    }
    return expiry;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static void check(String name, Duration ttl) {
    Objects.requireNonNull(ttl, name);
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + ttl);
    }
    if (ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException(name + " of " + ttl + " exceeds the 7-day limit of presigned URLs (PT168H)");
    }
  }
}
