package io.chatvideo.recording.local;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/** Keys and bytes for the storage tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");

  private Fixtures() {}

  static ObjectKey newKey() {
    return ObjectKey.forRecording(RoomId.of("room-1"), T0, new RecordingId(UUID.randomUUID()), WEBM);
  }

  static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
