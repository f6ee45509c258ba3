package io.chatvideo.recording.local.files;

import java.io.IOException;

/** Reading a request body failed: the client went away mid-upload. Not a fault of our disk. */
final class BodyReadException extends IOException {

  BodyReadException(IOException cause) {
    super("the request body could not be read: " + cause.getMessage(), cause);
  }
}
