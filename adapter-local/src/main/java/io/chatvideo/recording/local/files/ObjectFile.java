package io.chatvideo.recording.local.files;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** An object as found on disk: where, how big, its SHA-256 when its stamp is valid, and which file it was. */
record ObjectFile(Path path, long size, Optional<String> sha256, String identity) {

  ObjectFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(identity, "identity");
  }
}
