package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.RecordingId;
import java.util.UUID;

/** Hands out new recording ids; injected so tests can predict them. */
@FunctionalInterface
public interface RecordingIdGenerator {

  RecordingId next();

  /** Random (version 4) UUIDs. */
  static RecordingIdGenerator random() {
    return () -> new RecordingId(UUID.randomUUID());
  }
}
