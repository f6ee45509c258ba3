package io.chatvideo.recording.local.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads {@code length} bytes of an open file from {@code start} with positional reads, straight
 * into the caller's buffer (a direct one takes no copy through the heap). A file that ends before
 * that is an {@link IOException}, not an end of stream, so a shortened object never passes for a
 * complete download.
 */
final class FileRangeChannel implements ReadableByteChannel {

  private final FileChannel file;
  private final String name;
  private final long end;
  private long position;

  FileRangeChannel(FileChannel file, long start, long length, String name) {
    this.file = file;
    this.name = name;
    this.position = start;
    this.end = start + length;
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    if (position >= end) {
      return -1;
    }
    int room = target.remaining();
    if (room == 0) {
      return 0;
    }
    ByteBuffer window = target;
    if (room > end - position) {
      window = target.slice().limit((int) (end - position));
    }
    int n = file.read(window, position);
    if (n < 0) {
      throw new IOException("object " + name + " ended early");
    }
    if (window != target) {
      target.position(target.position() + n);
    }
    position += n;
    return n;
  }

  @Override
  public boolean isOpen() {
    return file.isOpen();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
