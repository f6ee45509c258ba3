package io.chatvideo.recording.local.capability;

import io.chatvideo.recording.local.secret.OwnerOnlyFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The key of the capability URLs: 32 random bytes in a file only its owner may read, made once per
 * data directory; two processes opening a new data directory at once end up with the same key.
 */
public final class SigningSecret {

  static final int LENGTH = 32;

  private SigningSecret() {}

  public static byte[] loadOrCreate(Path file) throws IOException {
    byte[] key = OwnerOnlyFile.readOrCreate(file, () -> {
      byte[] fresh = new byte[LENGTH];
      new SecureRandom().nextBytes(fresh);
      return fresh;
    });
    if (key.length != LENGTH) {
      throw new IOException("the signing key " + file.getFileName() + " has " + key.length + " bytes instead of "
          + LENGTH + "; delete it to make a new one (this invalidates every URL handed out)");
    }
    return key;
  }
}
