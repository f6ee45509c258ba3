package io.chatvideo.recording.http;

import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.local.ObjectEndpoint;
import java.util.Optional;

/**
 * The adapters of the configured backend. {@code objects} is the local backend's capability-URL
 * endpoint, absent with a backend whose URLs point elsewhere (S3); {@code release} closes what
 * the backend holds open.
 */
public record Backend(String description, RecordingRepository repository, ObjectStorage storage,
    Optional<ObjectEndpoint> objects, Runnable release) {

  /** Closes the backend's connections and files, at shutdown. */
  public void close() {
    release.run();
  }
}
