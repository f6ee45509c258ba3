package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long share links and the media URLs of their watch pages live. A link lives 7 days unless
 * asked otherwise and never past its recording's expiry; the media URLs a watch page hands out
 * live {@code mediaTtl} (5 minutes unless configured), which bounds how long a revoked link's
 * video can still be fetched.
 */
public record SharePolicy(Duration defaultExpiry, Duration mediaTtl) {

  public static final Duration DEFAULT_EXPIRY = Duration.ofDays(7);
  public static final Duration DEFAULT_MEDIA_TTL = Duration.ofMinutes(5);

  public SharePolicy {
    Objects.requireNonNull(defaultExpiry, "defaultExpiry");
    Objects.requireNonNull(mediaTtl, "mediaTtl");
    if (defaultExpiry.isNegative() || defaultExpiry.isZero()) {
      throw new IllegalArgumentException("share expiry must be positive, was " + defaultExpiry);
    }
    if (mediaTtl.isNegative() || mediaTtl.isZero() || mediaTtl.compareTo(PresignPolicy.MAX_TTL) > 0) {
      throw new IllegalArgumentException("share media URL expiry must be positive and at most 7 days, was " + mediaTtl);
    }
  }

  public static SharePolicy defaults() {
    return new SharePolicy(DEFAULT_EXPIRY, DEFAULT_MEDIA_TTL);
  }

  /**
   * When a link made at {@code now} expires: {@code requested} from now, or the default capped at
   * the recording's expiry. A requested lifetime that is not positive or reaches past the
   * recording's expiry is an {@link InvalidInputException} on {@code expires_in}.
   */
  public Instant linkExpiry(Instant now, Optional<Duration> requested, Instant recordingExpiresAt) {
    if (requested.isPresent()) {
      Duration wanted = requested.get();
      if (wanted.isNegative() || wanted.isZero()) {
        throw new InvalidInputException("expires_in", "must be a positive number of seconds");
      }
      // Compared as durations first: a huge request must not overflow Instant arithmetic.
      if (wanted.compareTo(Duration.between(now, recordingExpiresAt)) > 0) {
        throw new InvalidInputException("expires_in", "reaches past the recording's expiry at " + recordingExpiresAt
            + "; at most " + Duration.between(now, recordingExpiresAt).toSeconds() + " seconds");
      }
      return now.plus(wanted);
    }
    Instant expiry = now.plus(defaultExpiry);
    return expiry.isAfter(recordingExpiresAt) ? recordingExpiresAt : expiry;
  }

  /** When a media URL signed at {@code now} for {@code share} expires. */
  public Instant mediaExpiry(Instant now, Share share, Instant recordingExpiresAt, Optional<Instant> credentialsExpiry) {
    return min(mediaExpiry(now, recordingExpiresAt, credentialsExpiry), share.expiresAt());
  }

  /** When a media URL signed at {@code now} for the recording's own viewers (the library) expires. */
  public Instant mediaExpiry(Instant now, Instant recordingExpiresAt, Optional<Instant> credentialsExpiry) {
    Instant expiry = min(now.plus(mediaTtl), recordingExpiresAt);
    return credentialsExpiry.map(credentials -> min(credentials, expiry)).orElse(expiry);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
