package io.chatvideo.recording.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/** {@code length} bytes of an object file from {@code start}, if it is still the file that was found. */
record FileRangeBody(ObjectFile file, long start, long length) implements Body {

  @Override
  public ReadableByteChannel open() throws IOException {
    String name = file.path().getFileName().toString();
    try {
      FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ);
      try {
        // Checked after opening: if the name still shows the same file, the open channel reads it
        // to the end even if it is replaced or deleted meanwhile.
        BasicFileAttributes now = Files.readAttributes(file.path(), BasicFileAttributes.class);
        if (!FileStamp.identity(now).equals(file.identity()) || now.size() != file.size()) {
          throw new IOException("object " + name + " changed since the request began; retry");
        }
        return new FileRangeChannel(channel, start, length, name);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      throw new IOException("object " + name + " was deleted since the request began", e);
    }
  }
}
