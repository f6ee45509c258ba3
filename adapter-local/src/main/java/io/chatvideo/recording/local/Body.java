package io.chatvideo.recording.local;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A response body streamed from disk: {@link #writeTo} copies {@link #length()} bytes through a
 * small buffer, never holding the object in memory. It fails with an {@link IOException} if the
 * object was replaced or deleted after the response headers were made; the client then retries.
 */
public interface Body {

  long length();

  void writeTo(OutputStream out) throws IOException;
}
