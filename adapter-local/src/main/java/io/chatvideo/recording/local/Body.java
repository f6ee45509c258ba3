package io.chatvideo.recording.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * A response body streamed from disk, never held in memory: {@link #open} gives a channel of
 * exactly {@link #length()} bytes, read straight from the object's file. Opening fails with an
 * {@link IOException} if the object was replaced or deleted after the response headers were made,
 * and reading fails rather than end early; the client then retries.
 */
public interface Body {

  long length();

  /** A channel over the body's bytes; the caller closes it. */
  ReadableByteChannel open() throws IOException;

  /** Copies the whole body to {@code out}. */
  default void writeTo(OutputStream out) throws IOException {
    try (InputStream in = Channels.newInputStream(open())) {
      in.transferTo(out);
    }
  }
}
