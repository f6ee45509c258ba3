package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a recording's bytes live in object storage. Only the server builds keys, always as
 * {@code recordings/{room_id}/{yyyyMMdd-HHmmss}-{recording_id}-recording.{ext}}; the recording id
 * makes two keys of one room and one second differ.
 */
public record ObjectKey(String value) {

  public static final String PREFIX = "recordings/";

  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private static final Pattern LAYOUT = Pattern.compile(
      "recordings/[A-Za-z0-9_-]{1,128}/\\d{8}-\\d{6}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-recording\\.(webm|mp4|m4a)");

  public ObjectKey {
    if (value == null || !LAYOUT.matcher(value).matches()) {
      throw new IllegalArgumentException("object key does not follow the layout: " + value);
    }
  }

  /** The key if {@code text} follows the layout; empty for anything else found in a store. */
  public static Optional<ObjectKey> ifValid(String text) {
    return text != null && LAYOUT.matcher(text).matches() ? Optional.of(new ObjectKey(text)) : Optional.empty();
  }

  /** The key for a new recording. */
  public static ObjectKey forRecording(RoomId room, Instant createdAt, RecordingId id, ContentType type) {
    return new ObjectKey(PREFIX + room.value() + "/" + STAMP.format(createdAt) + "-" + id + "-recording."
        + type.extension());
  }

  /**
   * The recording the key was made for: its id is part of the key, so a store can tell from a key
   * alone which recording an object belongs to (the sweep's orphan scan, the local store's
   * single-use check).
   */
  public RecordingId recordingId() {
    int end = value.lastIndexOf("-recording.");
    return new RecordingId(UUID.fromString(value.substring(end - 36, end)));
  }

  /** The {@code yyyyMMdd-HHmmss} stamp of a creation time, as keys and the DynamoDB sort key use it. */
  public static String stamp(Instant createdAt) {
    return STAMP.format(createdAt);
  }

  @Override
  public String toString() {
    return value;
  }
}
