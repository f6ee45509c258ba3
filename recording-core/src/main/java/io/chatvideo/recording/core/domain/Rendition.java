package io.chatvideo.recording.core.domain;

import java.util.Objects;

/** A file made from a recording by processing (the MP4, the poster), stored next to it under {@code key}. */
public record Rendition(ObjectKey key, long size) {

  public Rendition {
    Objects.requireNonNull(key, "key");
    if (size < 1) {
      throw new IllegalArgumentException("a rendition has at least one byte, not " + size);
    }
  }
}
