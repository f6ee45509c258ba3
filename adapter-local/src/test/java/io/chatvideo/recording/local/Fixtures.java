package io.chatvideo.recording.local;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/** Keys, bytes and the PENDING rows uploads need, for the storage tests. */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  public static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");
  public static final RoomId ROOM = RoomId.of("room-1");

  private Fixtures() {}

  public static ObjectKey newKey() {
    return ObjectKey.forRecording(ROOM, T0, new RecordingId(UUID.randomUUID()), WEBM);
  }

  /**
   * A key whose recording is PENDING for a single PUT, as {@code upload-url} leaves it: the local
   * store takes uploads only for those.
   */
  public static ObjectKey awaitingUpload(RecordingRepository repository) {
    ObjectKey key = newKey();
    awaitUpload(repository, key, Optional.empty());
    return key;
  }

  /** Makes the recording of {@code key} PENDING, for a single PUT or (with its id) a multipart upload. */
  public static void awaitUpload(RecordingRepository repository, ObjectKey key, Optional<String> multipartUploadId) {
    RecordingDetails details = new RecordingDetails(key.recordingId(), ROOM, UserId.of("alice@example.com"), Set.of(),
        key, Filename.sanitize("call.webm", "call.webm"), WEBM, OptionalLong.empty(), T0, T0.plus(Duration.ofDays(30)));
    repository.insert(new PendingRecording(details, multipartUploadId, T0.plus(Duration.ofDays(1))));
  }

  public static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
