package io.chatvideo.recording.http;

import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.RecordingRepository;

/**
 * The adapters of the configured backend, as the core's ports; {@code release} closes what the
 * backend holds open. What only one backend has (the local store's {@code /objects} URLs and its
 * sweep) is wired by beans that require that backend.
 */
public record Backend(String description, RecordingRepository repository, ObjectStorage storage, Runnable release) {

  /** Closes the backend's connections and files, at shutdown. */
  public void close() {
    release.run();
  }
}
