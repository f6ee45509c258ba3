package io.chatvideo.recording.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** {@code length} bytes of an object file from {@code start}, if it is still the file that was found. */
record FileRangeBody(ObjectFile file, long start, long length) implements Body {

  @Override
  public void writeTo(OutputStream out) throws IOException {
    try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
      // Checked after opening: if the name still shows the same file, the open channel reads it to
      // the end even if it is replaced or deleted meanwhile.
      BasicFileAttributes now = Files.readAttributes(file.path(), BasicFileAttributes.class);
      if (!FileStamp.identity(now).equals(file.identity()) || now.size() != file.size()) {
        throw new IOException("object " + file.path().getFileName() + " changed since the request began; retry");
      }
      ByteBuffer buffer = ByteBuffer.allocate(StagedFile.BUFFER_BYTES);
      long position = start;
      long end = start + length;
      while (position < end) {
        buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
        int n = channel.read(buffer, position);
        if (n < 0) {
          throw new IOException("object " + file.path().getFileName() + " ended early");
        }
        out.write(buffer.array(), 0, n);
        position += n;
      }
    } catch (NoSuchFileException e) {
      throw new IOException("object " + file.path().getFileName() + " was deleted since the request began", e);
    }
  }
}
