package io.chatvideo.recording.http.objects;

import io.chatvideo.recording.local.Body;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a body that writes itself ({@link Body#writeTo}) into the {@link InputStream} Micronaut
 * streams a response from, through a small pipe, so a large file never sits in memory. If writing
 * fails midway the pipe is closed under the reader, which aborts the response: a short download
 * must not look complete.
 */
final class PipedBody {

  static final int PIPE_BYTES = 256 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(PipedBody.class);

  private PipedBody() {}

  static InputStream stream(Body body, ExecutorService writers) {
    PipedInputStream in = new PipedInputStream(PIPE_BYTES);
    PipedOutputStream out;
    try {
      out = new PipedOutputStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writers.execute(() -> {
      try {
        body.writeTo(out);
      } catch (IOException e) {
        LOG.debug("download stopped: {}", e.getMessage());
        closeQuietly(in);
      } finally {
        closeQuietly(out);
      }
    });
    return in;
  }

  /** Closing the read side first makes the reader fail instead of seeing a clean end of stream. */
  private static void closeQuietly(java.io.Closeable pipeEnd) {
    try {
      pipeEnd.close();
    } catch (IOException ignored) {
      // Closing a pipe does not fail; there is nothing left to do with this one anyway.
    }
  }
}
