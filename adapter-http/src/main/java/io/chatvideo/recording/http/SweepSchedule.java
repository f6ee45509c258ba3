package io.chatvideo.recording.http;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.local.PeriodicSweep;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.Optional;

/**
 * Runs the core's sweep every {@code recording.sweep-interval} with the local backend. S3 expires
 * objects by a lifecycle rule and DynamoDB items by TTL; the records of abandoned uploads go with a
 * scheduled {@code recordings admin sweep}, since the sweep Scans the table, which no API server
 * replica should do on its own timer.
 */
@Context
final class SweepSchedule {

  private final Optional<PeriodicSweep> running;

  SweepSchedule(ServerSettings settings, Recordings recordings) {
    running = settings.recording().backend() == BackendKind.LOCAL
        ? Optional.of(PeriodicSweep.start(recordings.sweep(), settings.recording().sweepInterval()))
        : Optional.empty();
  }

  @PreDestroy
  void stop() {
    running.ifPresent(PeriodicSweep::close);
  }
}
