package io.chatvideo.recording.core.domain;

import java.util.Objects;

/** A part of a multipart upload as object storage holds it. */
public record StoredPart(int partNumber, String etag, long size) {

  public StoredPart {
    Objects.requireNonNull(etag, "etag");
  }
}
