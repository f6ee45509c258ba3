package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.webhook.StandardWebhookSender;
import java.io.IOException;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.local.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The embedded store: a data directory with SQLite metadata, opened beside a running server if need be. */
final class LocalAdminBackend implements AdminBackend {

  private final Path directory;
  private final LocalBackend backend;
  private final Recordings recordings;
  private final StandardWebhookSender sender;

  LocalAdminBackend(Path directory, LocalBackend backend, Recordings recordings, StandardWebhookSender sender) {
    this.sender = sender;
    this.directory = directory;
    this.backend = backend;
    this.recordings = recordings;
  }

  @Override
  public String description() {
    return "local data directory " + directory;
  }

  @Override
  public Recordings recordings() {
    return recordings;
  }

  @Override
  public List<String> initialize(Duration retention, List<String> corsOrigins) {
    return List.of("local data directory " + directory + " is ready (database, objects, signing key)",
        "nothing else to create: the local backend sweeps expired recordings itself");
  }

  @Override
  public Optional<Recording> find(RecordingId id) {
    return backend.repository().find(id);
  }

  @Override
  public void close() {
    try {
      sender.close();
    } catch (IOException e) {
      // Its connections die with the process; the store below is what must close cleanly.
    }
    backend.close();
  }
}
