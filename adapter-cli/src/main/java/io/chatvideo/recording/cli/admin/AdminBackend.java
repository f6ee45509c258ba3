package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.core.application.Recordings;
import java.time.Duration;
import java.util.List;

/** A store the admin commands work on directly, through the core. */
interface AdminBackend extends AutoCloseable {

  /** What it is, for messages: "local data directory /srv/data", "aws bucket b, table t". */
  String description();

  Recordings recordings();

  /** Creates what the backend needs; safe to run again. One line per step, for the operator. */
  List<String> initialize(Duration retention, List<String> corsOrigins);

  @Override
  void close();
}
