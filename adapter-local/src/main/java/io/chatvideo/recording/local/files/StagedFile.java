package io.chatvideo.recording.local.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file being written in the staging area, hashed as it goes, in a fixed-size buffer whatever the
 * object's size. {@link #commit} makes it durable and renames it into place in one step; closing
 * it uncommitted deletes it. Either way nothing half-written ever appears under a final name.
 */
final class StagedFile implements AutoCloseable {

  static final int BUFFER_BYTES = 64 * 1024;

  private final StagingArea area;
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private final MessageDigest sha256;
  private long size;
  private boolean done;

  StagedFile(StagingArea area, Path path, FileChannel channel, FileLock lock) {
    this.area = area;
    this.path = path;
    this.channel = channel;
    this.lock = lock;
    this.sha256 = newSha256();
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  long size() {
    return size;
  }

  /**
   * Copies {@code body} until it ends or has given more than {@code limit} bytes, and returns how
   * many it gave (at most {@code limit + 1}, so the caller can tell "too long" without reading on).
   * A failure to read {@code body} is a {@link BodyReadException}; one to write here is not.
   */
  long copyFrom(InputStream body, long limit) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    long read = 0;
    while (read <= limit) {
      int wanted = (int) Math.min(buffer.length, limit + 1 - read);
      int n;
      try {
        // A full buffer per hash update and write: a request body arrives in pieces of a few KiB,
        // and a write per piece cost a 1 GiB upload ~130,000 system calls.
        n = body.readNBytes(buffer, 0, wanted);
      } catch (IOException e) {
        throw new BodyReadException(e);
      }
      if (n > 0) {
        append(ByteBuffer.wrap(buffer, 0, n));
        read += n;
      }
      if (n < wanted) {
        break;
      }
    }
    return read;
  }

  /** Appends the whole of {@code file}. */
  void appendFile(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buffer) >= 0) {
        buffer.flip();
        append(buffer);
        buffer.clear();
      }
    }
  }

  /**
   * Appends {@code length} bytes of {@code file} from {@code offset}; an {@link java.io.EOFException}
   * when the file ends before.
   */
  void appendRange(Path file, long offset, long length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long position = offset;
      long end = offset + length;
      while (position < end) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
        int n = in.read(buffer, position);
        if (n < 0) {
          throw new java.io.EOFException(file + " ends at " + position + ", before " + end);
        }
        position += n;
        buffer.flip();
        append(buffer);
      }
    }
  }

  void append(ByteBuffer bytes) throws IOException {
    sha256.update(bytes.duplicate());
    size += bytes.remaining();
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /**
   * Makes the file durable, stores its {@link FileStamp} beside {@code target}, and renames it to
   * {@code target}, replacing what was there. Returns the stamp. The target's folder must exist: a
   * {@link java.nio.file.NoSuchFileException} means it does not (e.g. an aborted upload's).
   */
  FileStamp commit(Path target) throws IOException {
    FileStamp stamp = stampBeside(target);
    moveTo(target);
    return stamp;
  }

  /** Makes the file durable and writes its stamp beside where it is going. */
  private FileStamp stampBeside(Path target) throws IOException {
    channel.force(true);
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    FileStamp stamp = new FileStamp(HexFormat.of().formatHex(sha256.digest()), size,
        FileStamp.identity(attributes));
    try (StagedFile sidecar = area.create()) {
      sidecar.append(ByteBuffer.wrap(stamp.encode()));
      sidecar.moveTo(FileStamp.beside(target));
    }
    return stamp;
  }

  /**
   * Like {@link #commit}, but gives the file the name {@code target} only if no file has it: a hard
   * link, which never replaces. A {@link java.nio.file.FileAlreadyExistsException} when one does;
   * this file is then deleted on {@link #close}.
   */
  FileStamp commitNew(Path target) throws IOException {
    FileStamp stamp = stampBeside(target);
    Files.createLink(target, path);
    done = true;
    Files.delete(path);
    syncFolder(target.getParent());
    close();
    return stamp;
  }

  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
      channel.close();
    } finally {
      if (!done) {
        Files.deleteIfExists(path);
      }
    }
  }

  private void moveTo(Path target) throws IOException {
    channel.force(true);
    Files.move(path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    done = true;
    syncFolder(target.getParent());
    close();
  }

  /** Makes a rename durable: on POSIX file systems the new name is in the folder's own data. */
  private static void syncFolder(Path folder) {
    try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException notSupportedHere) {
      // Some platforms (Windows) cannot open a folder; their file systems journal renames anyway.
    }
  }
}
