package io.chatvideo.recording.core.domain;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A Standard Webhooks signing secret: {@code whsec_} and the base64 of 24 to 64 random bytes.
 * {@link #toString()} hides it, so a secret never reaches a log by accident; {@link #value()}
 * is the text an operator is shown once.
 */
public record WebhookSecret(String value) {

  public static final String PREFIX = "whsec_";

  public WebhookSecret {
    Objects.requireNonNull(value, "value");
    if (!value.startsWith(PREFIX)) {
      throw new InvalidInputException("secret", "a webhook secret starts with whsec_");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("secret", "after whsec_ a webhook secret is base64");
    }
    if (key.length < 24 || key.length > 64) {
      throw new InvalidInputException("secret", "a webhook secret holds 24 to 64 bytes, not " + key.length);
    }
  }

  public static WebhookSecret random(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
  }

  /** The HMAC key: the bytes after {@code whsec_}. */
  public byte[] key() {
    return Base64.getDecoder().decode(value.substring(PREFIX.length()));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookSecret that && Arrays.equals(key(), that.key());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key());
  }

  @Override
  public String toString() {
    return PREFIX + "…";
  }
}
