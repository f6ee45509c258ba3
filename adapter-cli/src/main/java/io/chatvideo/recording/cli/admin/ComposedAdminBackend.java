package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.aws.BootstrapStep;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.wiring.Composition;
import io.chatvideo.recording.wiring.WiringSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A store as the admin commands see it: the one {@link Composition}, named for the operator; on
 * aws, {@link #initialize} is the idempotent bootstrap, on the local store there is nothing to make.
 */
final class ComposedAdminBackend implements AdminBackend {

  private final String description;
  private final WiringSettings settings;
  private final Composition composition;

  ComposedAdminBackend(String description, WiringSettings settings, Composition composition) {
    this.description = description;
    this.settings = settings;
    this.composition = composition;
  }

  /** The settings it was composed from. */
  WiringSettings settings() {
    return settings;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Recordings recordings() {
    return composition.recordings();
  }

  /** The policies wired, as the server logs them ({@link Composition#describe}). */
  String wiring() {
    return composition.describe();
  }

  @Override
  public List<String> initialize(Duration retention, List<String> corsOrigins) {
    return composition.infrastructure()
        .map(aws -> aws.bootstrap(retention, corsOrigins, WiringSettings.JOB_ATTEMPTS).stream()
            .map(BootstrapStep::line).toList())
        .orElseGet(() -> List.of(description + " is ready (database, objects, signing key)",
            "nothing else to create: the local backend sweeps expired recordings itself"));
  }

  @Override
  public Optional<Recording> find(RecordingId id) {
    return composition.backend().repository().find(id);
  }

  @Override
  public void close() {
    composition.close();
  }
}
