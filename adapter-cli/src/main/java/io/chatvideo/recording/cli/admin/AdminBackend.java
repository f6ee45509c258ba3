package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A store the admin commands work on directly, through the core. */
interface AdminBackend extends AutoCloseable {

  /** What it is, for messages: "local data directory /srv/data", "aws bucket b, table t". */
  String description();

  Recordings recordings();

  /** The stored recording, whoever owns it: what the worker reports and reprocess checks. */
  Optional<Recording> find(RecordingId id);

  /** Creates what the backend needs; safe to run again. One line per step, for the operator. */
  List<String> initialize(Duration retention, List<String> corsOrigins);

  @Override
  void close();
}
