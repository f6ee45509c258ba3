package io.chatvideo.recording.core.domain;

/**
 * Who owns or takes part in a recording, compared exactly; 1 to 320 printable characters. From a
 * token it is the email address when the identity provider verified it ({@link #ofVerifiedEmail}),
 * else {@code sub:} and the subject ({@link #ofSubject}): the two namespaces never meet, so a
 * subject that looks like someone's email is not that person.
 */
public record UserId(String value) {

  public static final int MAX_LENGTH = 320;
  /** Marks an id taken from a token's subject rather than a verified email. */
  public static final String SUBJECT_PREFIX = "sub:";

  public UserId {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException("user_id", "is required");
    }
    if (value.length() > MAX_LENGTH) {
      throw new InvalidInputException("user_id", "is longer than " + MAX_LENGTH + " characters");
    }
    if (!isPrintableWithoutSpace(value)) {
      throw new InvalidInputException("user_id", "must not contain whitespace or control characters");
    }
  }

  /** A loop, not a code-point stream: owners and participants of every listed row come through here. */
  private static boolean isPrintableWithoutSpace(String value) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      if (Character.isISOControl(c) || Character.isWhitespace(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  public static UserId of(String value) {
    return new UserId(value);
  }

  /** The user behind an email address the identity provider has verified, e.g. {@code ada@example.com}. */
  public static UserId ofVerifiedEmail(String email) {
    if (email == null || email.startsWith(SUBJECT_PREFIX) || email.indexOf('@') < 1) {
      throw new InvalidInputException("user_id", "a verified email must look like name@domain");
    }
    return new UserId(email);
  }

  /** The user behind a subject without a verified email, e.g. {@code sub:7f3c…}. */
  public static UserId ofSubject(String subject) {
    if (subject == null || subject.isBlank()) {
      throw new InvalidInputException("user_id", "a subject is required");
    }
    return new UserId(SUBJECT_PREFIX + subject);
  }

  @Override
  public String toString() {
    return value;
  }
}
