package io.chatvideo.recording.local.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The folder where files are written before being renamed into place (on the same file system, so
 * the rename is atomic), and where folders go to be deleted. A writer holds an OS lock on its
 * temporary file until the rename; when the process dies the lock goes with it, which is how
 * another process tells an orphan from a file still being written.
 */
final class StagingArea {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Tells this JVM's files from other processes' files, which may be orphans. */
  private static final String PROCESS_TAG = randomHex(8);

  /** Left alone even when unlocked: a writer may have created it and not yet taken the lock. */
  static final Duration ORPHAN_MIN_AGE = Duration.ofMinutes(1);

  static final String FILE_SUFFIX = ".tmp";
  static final String TRASH_SUFFIX = ".trash";

  private final Path folder;

  StagingArea(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
  }

  Path folder() {
    return folder;
  }

  /** A new, locked, empty temporary file. */
  StagedFile create() throws IOException {
    Path path = folder.resolve(newName(FILE_SUFFIX));
    FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        StandardOpenOption.READ);
    try {
      FileLock lock = channel.lock();
      return new StagedFile(this, path, channel, lock);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(path);
      throw e;
    }
  }

  /**
   * A new empty folder to fill and then rename into place. Its name marks it as trash, which is
   * what it is if this process dies before the rename.
   */
  Path createFolder() throws IOException {
    return Files.createDirectory(folder.resolve(newName(TRASH_SUFFIX)));
  }

  /**
   * Deletes a folder after first renaming it here, so it disappears from its place at once even if
   * deleting its contents takes a while or is cut short (what is left here is an orphan).
   */
  void discard(Path target) throws IOException {
    Path trash = folder.resolve(newName(TRASH_SUFFIX));
    try {
      Files.move(target, trash, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException alreadyGone) {
      return;
    }
    deleteTree(trash);
  }

  /**
   * Deletes what processes that died mid-write left behind: unlocked temporary files and trash of
   * other processes. Returns how many entries went.
   */
  int removeOrphans() throws IOException {
    int removed = 0;
    long oldest = System.currentTimeMillis() - ORPHAN_MIN_AGE.toMillis(); // file times are wall-clock times
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(PROCESS_TAG)) {
          continue;
        }
        try {
          if (Files.getLastModifiedTime(entry).toMillis() > oldest) {
            continue;
          }
          if (name.endsWith(TRASH_SUFFIX)) {
            deleteTree(entry);
            removed++;
          } else if (name.endsWith(FILE_SUFFIX) && deleteIfUnlocked(entry)) {
            removed++;
          }
        } catch (NoSuchFileException goneMeanwhile) {
          // Another process cleaned it up or its writer renamed it into place.
        }
      }
    }
    return removed;
  }

  private static boolean deleteIfUnlocked(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        return false;
      }
      Files.deleteIfExists(file);
      return true;
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (NoSuchFileException goneMeanwhile) {
      // Deleted by another process cleaning up the same trash.
    } catch (UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e.getCause();
      }
    }
  }

  private static String newName(String suffix) {
    return PROCESS_TAG + "-" + randomHex(12) + suffix;
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
