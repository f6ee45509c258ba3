package io.chatvideo.recording.local.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Files only their owner may read: keys, secrets, tokens. Every file is written in full to a new
 * temporary file that is mode 0600 from its creation (never readable by others, even for a moment),
 * forced to disk, and only then given its name, so a reader never sees half a file. On POSIX file
 * systems; elsewhere the files get the platform's default permissions.
 *
 * <pre>{@code
 * byte[] key = OwnerOnlyFile.readOrCreate(dir.resolve("signing.key"), () -> randomBytes(32));
 * OwnerOnlyFile.replace(configDir.resolve("credentials"), token.getBytes(UTF_8));
 * Optional<byte[]> saved = OwnerOnlyFile.read(configDir.resolve("credentials"));
 * }</pre>
 */
public final class OwnerOnlyFile {

  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFile() {}

  /**
   * The content of {@code file}, which is created with {@code initial}'s bytes if it does not exist.
   * Safe when two processes create it at once: the first to give the file its name wins (a hard
   * link, which never replaces), and both read the winner's complete content. A file found with a
   * looser mode is tightened to 0600 before it is read.
   */
  public static byte[] readOrCreate(Path file, Supplier<byte[]> initial) throws IOException {
    Objects.requireNonNull(initial, "initial");
    if (!Files.exists(file)) {
      Path draft = draft(file, initial.get());
      try {
        Files.createLink(file, draft);
      } catch (FileAlreadyExistsException anotherProcessWon) {
        // Its file is complete: it got its name only after being written.
      } finally {
        Files.deleteIfExists(draft);
      }
    }
    return read(file).orElseThrow(() -> new NoSuchFileException(file.toString(), null, "deleted while being read"));
  }

  /** The content of {@code file}, tightened to 0600 first; empty if there is no such file. */
  public static Optional<byte[]> read(Path file) throws IOException {
    try {
      restrict(file);
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Replaces the content of {@code file} (creating it) in one step: the old content or the new
   * one, never a mix, is what a reader sees. The last of two writers at once wins.
   */
  public static void replace(Path file, byte[] content) throws IOException {
    Path draft = draft(file, content);
    try {
      Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(draft);
    }
  }

  /** Creates {@code directory} (and its parents) as mode 0700 if it does not exist; a directory found is left as it is. */
  public static Path createPrivateDirectory(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return absolute;
    }
    Files.createDirectories(absolute.getParent());
    try {
      Files.createDirectory(absolute, attributes(absolute, DIRECTORY_MODE));
    } catch (FileAlreadyExistsException createdMeanwhile) {
      if (!Files.isDirectory(absolute)) {
        throw createdMeanwhile;
      }
    }
    return absolute;
  }

  /** A complete, durable copy of {@code content} beside {@code file}, mode 0600 from its creation. */
  private static Path draft(Path file, byte[] content) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Path draft = Files.createTempFile(folder, "." + file.getFileName() + "-", ".tmp", attributes(folder, FILE_MODE));
    try (FileChannel channel = FileChannel.open(draft, StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(content);
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(draft);
      throw e;
    }
    return draft;
  }

  private static void restrict(Path file) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (posix != null && !posix.readAttributes().permissions().equals(FILE_MODE)) {
      posix.setPermissions(FILE_MODE);
    }
  }

  private static FileAttribute<?>[] attributes(Path near, Set<PosixFilePermission> mode) {
    return near.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
  }
}
