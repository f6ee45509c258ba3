package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.AbandonedRecording;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/** Recordings in each state for adapter and core tests. */
public final class TestRecordings {

  public static final Duration RETENTION = Duration.ofDays(30);

  private TestRecordings() {}

  public static RecordingDetails details(String owner, String room, Instant createdAt, String... participants) {
    return namedDetails(owner, room, createdAt, "call é \"1\".webm", participants);
  }

  /** Details with a file name of the test's choosing (sanitized as uploads are). */
  public static RecordingDetails namedDetails(String owner, String room, Instant createdAt, String filename,
      String... participants) {
    RecordingId id = new RecordingId(UUID.randomUUID());
    RoomId roomId = RoomId.of(room);
    ContentType type = ContentType.parse("video/webm;codecs=vp8,opus");
    Set<UserId> others = java.util.Arrays.stream(participants).map(UserId::of)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
    return new RecordingDetails(id, roomId, UserId.of(owner), others, ObjectKey.forRecording(roomId, createdAt, id, type),
        Filename.sanitize(filename, "x.webm"), type, OptionalLong.of(1234), createdAt,
        createdAt.plus(RETENTION));
  }

  public static PendingRecording pending(String owner, String room, Instant createdAt, String... participants) {
    return new PendingRecording(details(owner, room, createdAt, participants), Optional.empty(),
        createdAt.plus(Duration.ofMinutes(30)));
  }

  /** A pending recording with that file name. */
  public static PendingRecording pendingNamed(String owner, String room, Instant createdAt, String filename) {
    return new PendingRecording(namedDetails(owner, room, createdAt, filename), Optional.empty(),
        createdAt.plus(Duration.ofMinutes(30)));
  }

  public static PendingRecording pendingMultipart(String owner, String room, Instant createdAt) {
    return new PendingRecording(details(owner, room, createdAt), Optional.of("upload-" + UUID.randomUUID()),
        createdAt.plus(Duration.ofMinutes(30)));
  }

  public static CompletedRecording completed(String owner, String room, Instant createdAt, String... participants) {
    return pending(owner, room, createdAt, participants)
        .complete(1000, Optional.of("ab".repeat(32)), createdAt.plusSeconds(5), Optional.of(Duration.ofMillis(6543)));
  }

  public static AbandonedRecording abandoned(String owner, String room, Instant createdAt) {
    return pendingMultipart(owner, room, createdAt).abandon(createdAt.plus(Duration.ofDays(2)));
  }
}
