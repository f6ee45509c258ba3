package io.chatvideo.recording.core.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in a share link's URL: 256 random bits from {@link SecureRandom}, base64url without
 * padding (43 characters). Only its {@link #hash()} is stored, so a copy of the database opens no
 * link. {@code toString} never shows the value.
 */
public record ShareToken(String value) {

  static final int BYTES = 32;
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

  public ShareToken {
    Objects.requireNonNull(value, "value");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("a share token is 43 base64url characters");
    }
  }

  public static ShareToken generate(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new ShareToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The token in a URL, or empty when the text cannot be one (a tampered or truncated link). */
  public static Optional<ShareToken> parse(String text) {
    return text != null && FORMAT.matcher(text).matches() ? Optional.of(new ShareToken(text)) : Optional.empty();
  }

  public ShareTokenHash hash() {
    return ShareTokenHash.of(this);
  }

  @Override
  public String toString() {
    return "ShareToken[redacted]";
  }
}
