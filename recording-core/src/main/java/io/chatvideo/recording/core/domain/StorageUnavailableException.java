package io.chatvideo.recording.core.domain;

/** Object storage or the metadata store cannot be reached; the same request may work later. */
public final class StorageUnavailableException extends RecordingException {

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageUnavailableException(String message) {
    super(message);
  }
}
