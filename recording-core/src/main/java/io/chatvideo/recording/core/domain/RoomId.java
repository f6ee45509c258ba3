package io.chatvideo.recording.core.domain;

import java.util.regex.Pattern;

/** A call room: 1 to 128 of {@code A-Z a-z 0-9 _ -}, so it is safe inside an object key. */
public record RoomId(String value) {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  public RoomId {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException("room_id", "is required");
    }
    if (!VALID.matcher(value).matches()) {
      throw new InvalidInputException("room_id", "must be 1 to 128 characters of A-Z, a-z, 0-9, '_' or '-'");
    }
  }

  public static RoomId of(String value) {
    return new RoomId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
