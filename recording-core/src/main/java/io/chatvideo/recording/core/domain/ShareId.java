package io.chatvideo.recording.core.domain;

import java.util.Objects;
import java.util.UUID;

/** A share link's public identity (not its secret token): what the owner lists and revokes by. */
public record ShareId(UUID value) {

  public ShareId {
    Objects.requireNonNull(value, "value");
  }

  public static ShareId random() {
    return new ShareId(UUID.randomUUID());
  }

  /** Parses caller input; a malformed id is an {@link InvalidInputException} on {@code share_id}. */
  public static ShareId parse(String text) {
    try {
      UUID uuid = UUID.fromString(text == null ? "" : text);
      if (!uuid.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException(text);
      }
      return new ShareId(uuid);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("share_id", "must be a UUID like 123e4567-e89b-12d3-a456-426614174000");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
