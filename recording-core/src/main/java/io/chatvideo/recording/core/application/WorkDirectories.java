package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.RecordingId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A job's own directory for the files it works on, under one root, removed when the job ends. */
final class WorkDirectories {

  private final Path root;

  WorkDirectories(Path root) {
    this.root = root;
  }

  /** A new directory named after the step and the recording, so a leftover says whose it was. */
  Path create(String step, RecordingId id) {
    try {
      Files.createDirectories(root);
      return Files.createTempDirectory(root, step + "-" + id + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work directory under " + root, e);
    }
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary file costs disk only; the job's result is what matters.
    }
  }
}
