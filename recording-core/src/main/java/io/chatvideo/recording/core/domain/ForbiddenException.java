package io.chatvideo.recording.core.domain;

/** The caller may see the recording (a participant) but not change it (only the owner may). */
public final class ForbiddenException extends RecordingException {

  public ForbiddenException(String message) {
    super(message);
  }
}
