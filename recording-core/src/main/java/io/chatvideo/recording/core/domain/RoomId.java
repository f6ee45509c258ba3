package io.chatvideo.recording.core.domain;

/** A call room: 1 to 128 of {@code A-Z a-z 0-9 _ -}, so it is safe inside an object key. */
public record RoomId(String value) {

  static final int MAX_LENGTH = 128;

  public RoomId {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException("room_id", "is required");
    }
    if (value.length() > MAX_LENGTH || !isRoomText(value, 0, value.length())) {
      throw new InvalidInputException("room_id", "must be 1 to 128 characters of A-Z, a-z, 0-9, '_' or '-'");
    }
  }

  public static RoomId of(String value) {
    return new RoomId(value);
  }

  /**
   * Whether {@code text[from, to)} is all of the room alphabet. A loop rather than a regex: every
   * stored row is rebuilt through this constructor when a page is listed, and a regex match costs
   * several times more (ObjectKey checks its room part with it too).
   */
  static boolean isRoomText(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}
