package io.chatvideo.recording.core.domain;

import java.util.Objects;

/**
 * An entity tag as object stores answer it for an object or a part. HTTP sends it quoted
 * ({@code "5d41…"}), clients report it back quoted or not: two tags are the same when their
 * values are, whatever the quoting. {@code ETag.parse("\"abc\"").equals(ETag.of("abc"))}.
 *
 * @param value the tag without quotes and surrounding blanks
 */
public record ETag(String value) {

  public ETag {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.indexOf('"') >= 0 || value.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("an etag is a non-blank text without quotes: " + value);
    }
  }

  /** The tag of a stored object, from its unquoted value (a SHA-256 in hex, an S3 MD5). */
  public static ETag of(String value) {
    return new ETag(value);
  }

  /**
   * A tag as a client or a store reported it, quoted or not; an {@link InvalidInputException} on
   * {@code field} when it is blank or holds quotes inside.
   */
  public static ETag parse(String text, String field) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    try {
      return new ETag(trimmed);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, "is not an etag (a quoted or plain text, as the PUT answered it)");
    }
  }

  /** The value in quotes, as an HTTP {@code ETag} header carries it. */
  public String quoted() {
    return "\"" + value + "\"";
  }

  @Override
  public String toString() {
    return quoted();
  }
}
