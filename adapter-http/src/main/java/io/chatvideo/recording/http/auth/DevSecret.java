package io.chatvideo.recording.http.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The dev-mode HS256 secret: 32 random bytes made once in the data directory, readable by the
 * owner only, so dev tokens survive restarts and nobody else on the machine can mint them.
 */
final class DevSecret {

  static final String FILE_NAME = "dev-jwt-secret";
  static final int BYTES = 32;

  private DevSecret() {}

  static byte[] loadOrCreate(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    try {
      if (!Files.isDirectory(dataDirectory)) {
        Files.createDirectories(dataDirectory, ownerOnlyDirectory(dataDirectory));
      }
      if (!Files.exists(file)) {
        create(file);
      }
      ownerOnly(file);
      byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
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

  private static void create(Path file) throws IOException {
    byte[] secret = new byte[BYTES];
    new SecureRandom().nextBytes(secret);
    Path draft = Files.createTempFile(file.getParent(), FILE_NAME, ".new", ownerOnlyFile(file));
    try {
      Files.writeString(draft, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
      Files.move(draft, file);
    } catch (FileAlreadyExistsException anotherServerWasFaster) {
      Files.deleteIfExists(draft);
    }
  }

  /**
   * A secret copied in, restored from a backup or made by an older version may be readable by
   * others on the machine, who could then mint tokens: it is narrowed to its owner on every load.
   */
  private static void ownerOnly(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /** Like the local backend, which may open the same directory later, keep it private to its owner. */
  private static FileAttribute<?>[] ownerOnlyDirectory(Path directory) {
    if (directory.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))};
    }
    return new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] ownerOnlyFile(Path file) {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    }
    return new FileAttribute<?>[0];
  }
}
