package io.chatvideo.recording.core.domain;

/**
 * Who owns or takes part in a recording: the JWT {@code email} claim, else {@code sub}. Compared
 * exactly; 1 to 320 printable characters.
 */
public record UserId(String value) {

  public static final int MAX_LENGTH = 320;

  public UserId {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("user_id", "is required");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException("user_id", "is longer than " + MAX_LENGTH + " characters");
    }
    if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
      throw new InvalidInputException("user_id", "must not contain whitespace or control characters");
    }
  }

  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
