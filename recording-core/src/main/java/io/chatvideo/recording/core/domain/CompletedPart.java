package io.chatvideo.recording.core.domain;

import java.util.Objects;

/** A part of a multipart upload as the client reports it on completion: its number and the ETag its PUT answered. */
public record CompletedPart(int partNumber, String etag) {

  public CompletedPart {
    Objects.requireNonNull(etag, "etag");
  }
}
