package io.chatvideo.recording.core.domain;

/** The request does not fit the recording's current state (e.g. completing before the upload). */
public final class ConflictException extends RecordingException {

  public ConflictException(String message) {
    super(message);
  }
}
