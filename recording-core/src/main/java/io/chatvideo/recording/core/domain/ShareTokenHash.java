package io.chatvideo.recording.core.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a share token, lower-case hex: what the stores keep and look links up by. A
 * plain hash is enough here (no salt, no stretching) because the token has 256 random bits.
 */
public record ShareTokenHash(String hex) {

  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

  public ShareTokenHash {
    Objects.requireNonNull(hex, "hex");
    if (!FORMAT.matcher(hex).matches()) {
      throw new IllegalArgumentException("a share token hash is 64 lower-case hex digits");
    }
  }

  static ShareTokenHash of(ShareToken token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.value().getBytes(StandardCharsets.US_ASCII));
      return new ShareTokenHash(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
