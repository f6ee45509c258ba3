package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.local.LocalBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The core wired over a local backend in a fresh data directory per test, with a client for its
 * URLs: what the server runs, minus HTTP. Register it with {@code @RegisterExtension}.
 */
final class RecordingStore implements BeforeEachCallback, AfterEachCallback {

  private final Clock clock;
  Path data;
  LocalBackend backend;
  Recordings recordings;
  ObjectClient client;

  RecordingStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    data = Files.createTempDirectory("recording-store-").resolve("data");
    backend = LocalBackend.open(data, clock);
    recordings = Recordings.builder().repository(backend.repository()).storage(backend.storage()).ledger(backend.ledger())
        .clock(clock).build();
    client = new ObjectClient(backend.objects());
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    backend.close();
    try (Stream<Path> files = Files.walk(data.getParent())) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
