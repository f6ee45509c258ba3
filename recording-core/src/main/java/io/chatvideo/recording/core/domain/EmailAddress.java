package io.chatvideo.recording.core.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a recording's owner can be emailed: a user id that is a verified email ({@link
 * UserId#ofVerifiedEmail}), never a {@code sub:} id. The check is deliberately small (one
 * {@code @}, a dotted domain, none of the characters that would start a second address or a
 * display name in a header); the mail server has the last word on deliverability.
 *
 * <p>{@code EmailAddress.of(UserId.of("ada@example.com"))} is present; {@code
 * EmailAddress.of(UserId.ofSubject("7f3c"))} is empty.
 */
public record EmailAddress(String value) {

  private static final Pattern FORM =
      Pattern.compile("[^@\\s\"(),:;<>\\[\\]\\\\]+@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");

  public EmailAddress {
    Objects.requireNonNull(value, "value");
    if (value.length() > UserId.MAX_LENGTH || !FORM.matcher(value).matches()) {
      throw new InvalidInputException("email", "must look like name@example.com, was '" + value + "'");
    }
  }

  /** The owner's address, when the user id is one; empty for a {@code sub:} id or anything else. */
  public static Optional<EmailAddress> of(UserId user) {
    String value = user.value();
    if (value.startsWith(UserId.SUBJECT_PREFIX) || value.length() > UserId.MAX_LENGTH
        || !FORM.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(new EmailAddress(value));
  }

  @Override
  public String toString() {
    return value;
  }
}
