package io.chatvideo.recording.http.auth;

import io.chatvideo.recording.local.secret.OwnerOnlyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dev-mode HS256 secret: 32 random bytes made once in the data directory, readable by the
 * owner only, so dev tokens survive restarts and nobody else on the machine can mint them. The
 * file is adapter-local's {@link OwnerOnlyFile} (private from its creation, safe when two servers
 * create it at once, and narrowed to its owner on every load: a secret copied in, restored from a
 * backup or made by an older version may be readable by others, who could then mint tokens).
 */
final class DevSecret {

  static final String FILE_NAME = "dev-jwt-secret";
  static final int BYTES = 32;

  private DevSecret() {}

  static byte[] loadOrCreate(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      OwnerOnlyFile.createPrivateDirectory(dataDirectory);
      String text = new String(OwnerOnlyFile.readOrCreate(file, DevSecret::newSecret), StandardCharsets.US_ASCII);
      byte[] secret = Base64.getDecoder().decode(text.strip());
      if (secret.length < BYTES) {
        throw new IllegalStateException(file + " holds fewer than " + BYTES + " bytes; delete it to make a new one");
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the dev secret " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + " is not base64; delete it to make a new one", e);
    }
  }

  private static byte[] newSecret() {
    byte[] secret = new byte[BYTES];
    new SecureRandom().nextBytes(secret);
    return (Base64.getEncoder().encodeToString(secret) + "\n").getBytes(StandardCharsets.US_ASCII);
  }
}
