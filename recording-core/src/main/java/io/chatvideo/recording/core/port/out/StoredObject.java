package io.chatvideo.recording.core.port.out;

import java.util.Objects;
import java.util.Optional;

/** What a HEAD request tells of an object: its size and, where the store knows it, its SHA-256 (hex). */
public record StoredObject(long size, Optional<String> sha256) {

  public StoredObject {
    Objects.requireNonNull(sha256, "sha256");
  }
}
