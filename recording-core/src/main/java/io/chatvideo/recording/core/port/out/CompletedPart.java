package io.chatvideo.recording.core.port.out;

import java.util.Objects;

/** A part of a multipart upload as the client reports it on completion. */
public record CompletedPart(int partNumber, String etag) {

  public CompletedPart {
    Objects.requireNonNull(etag, "etag");
  }
}
