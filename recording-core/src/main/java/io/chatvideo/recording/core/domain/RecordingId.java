package io.chatvideo.recording.core.domain;

import java.util.Objects;
import java.util.UUID;

/** A recording's identity, a UUID. {@code RecordingId.parse("0b6e…")} checks the text. */
public record RecordingId(UUID value) {

  public RecordingId {
    Objects.requireNonNull(value, "value");
  }

  /** Parses caller input; a malformed id is an {@link InvalidInputException} on {@code recording_id}. */
  public static RecordingId parse(String text) {
    if (text == null || text.length() != 36) {
      throw new InvalidInputException("recording_id", "must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
    }
    try {
      UUID uuid = UUID.fromString(text);
      if (!uuid.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException(text);
      }
      return new RecordingId(uuid);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("recording_id", "must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
