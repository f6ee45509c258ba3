package io.chatvideo.recording.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The key of the capability URLs: 32 random bytes in a file only its owner may read, made once per
 * data directory. It is written in full to a private temporary file and then hard-linked into
 * place, so a second process opening a new data directory at the same time either wins the link
 * or reads the winner's complete key, never half of one.
 */
final class SigningSecret {

  static final int LENGTH = 32;
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SigningSecret() {}

  static byte[] loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      create(file);
    }
    restrictToOwner(file);
    byte[] key = Files.readAllBytes(file);
    if (key.length != LENGTH) {
      throw new IOException("the signing key " + file + " has " + key.length + " bytes instead of " + LENGTH
          + "; delete it to make a new one (this invalidates every URL handed out)");
    }
    return key;
  }

  private static void create(Path file) throws IOException {
    byte[] key = new byte[LENGTH];
    new SecureRandom().nextBytes(key);
    Path draft = Files.createTempFile(file.getParent(), ".signing-key-", ".tmp");
    try {
      restrictToOwner(draft);
      try (FileChannel channel = FileChannel.open(draft, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(key));
        channel.force(true);
      }
      try {
        Files.createLink(file, draft);
      } catch (FileAlreadyExistsException anotherProcessWon) {
        // Its key is complete: it was linked only after being written.
      }
    } finally {
      Files.deleteIfExists(draft);
    }
  }

  private static void restrictToOwner(Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null && !posix.readAttributes().permissions().equals(OWNER_ONLY)) {
      posix.setPermissions(OWNER_ONLY);
    }
  }
}
