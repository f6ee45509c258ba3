package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A link that lets anyone holding its token watch one recording without signing in, until {@code
 * expiresAt} or until the owner revokes it. {@code passcodeHash} is the password hasher's
 * encoding (bcrypt), never the passcode; {@code views} counts the watch pages served.
 */
public record Share(
    ShareId id, RecordingId recordingId, ShareTokenHash tokenHash, Instant createdAt, Instant expiresAt,
    Optional<String> passcodeHash, boolean allowDownload, boolean revoked, long views) {

  public Share {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(recordingId, "recordingId");
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(passcodeHash, "passcodeHash");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("a share expires after it is created");
    }
    if (views < 0) {
      throw new IllegalArgumentException("views must not be negative");
    }
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  public boolean hasPasscode() {
    return passcodeHash.isPresent();
  }
}
