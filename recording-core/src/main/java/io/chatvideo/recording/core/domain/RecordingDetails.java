package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a recording is, whatever its state: fixed when the upload is requested. {@code audioLayout}
 * is the uploader's word on how the audio holds the parties.
 */
public record RecordingDetails(
    RecordingId id,
    RoomId roomId,
    UserId owner,
    Set<UserId> participants,
    ObjectKey objectKey,
    Filename filename,
    ContentType contentType,
    OptionalLong declaredSize,
    Instant createdAt,
    Instant expiresAt,
    AudioLayout audioLayout) {

  public RecordingDetails {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(roomId, "roomId");
    Objects.requireNonNull(owner, "owner");
    participants = Set.copyOf(participants);
    Objects.requireNonNull(objectKey, "objectKey");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(declaredSize, "declaredSize");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(audioLayout, "audioLayout");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expires_at must be after created_at");
    }
  }

  /** A recording whose audio is one mix of both parties. */
  public RecordingDetails(RecordingId id, RoomId roomId, UserId owner, Set<UserId> participants, ObjectKey objectKey,
      Filename filename, ContentType contentType, OptionalLong declaredSize, Instant createdAt, Instant expiresAt) {
    this(id, roomId, owner, participants, objectKey, filename, contentType, declaredSize, createdAt, expiresAt,
        AudioLayout.MIXED);
  }

  public boolean isOwnedBy(UserId user) {
    return owner.equals(user);
  }

  /** The owner and the participants may see a recording; nobody else may learn it exists. */
  public boolean isVisibleTo(UserId user) {
    return isOwnedBy(user) || participants.contains(user);
  }

  public boolean isExpired(Instant now) {
    return RetentionPolicy.isExpired(expiresAt, now);
  }
}
