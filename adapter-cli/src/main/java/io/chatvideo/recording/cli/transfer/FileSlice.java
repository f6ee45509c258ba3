package io.chatvideo.recording.cli.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/** {@code length} bytes of a file from {@code offset}, read from disk as the HTTP client sends them. */
final class FileSlice extends InputStream {

  private final FileChannel channel;
  private final LongConsumer sent;
  private long remaining;

  private FileSlice(Path file, long offset, long length, LongConsumer sent) {
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.sent = sent;
    this.remaining = length;
  }

  /** A request body of the slice; {@code sent} hears of every chunk read for sending. */
  static HttpRequest.BodyPublisher body(Path file, long offset, long length, LongConsumer sent) {
    return HttpRequest.BodyPublishers.fromPublisher(
        HttpRequest.BodyPublishers.ofInputStream(() -> new FileSlice(file, offset, length, sent)), length);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    int read = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, remaining)));
    if (read < 0) {
      throw new IOException("the file got shorter while it was uploaded");
    }
    remaining -= read;
    sent.accept(read);
    return read;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
