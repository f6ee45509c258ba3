package io.chatvideo.recording.core.domain;

/** No such recording for this caller: missing, expired, or someone else's (never told apart). */
public final class RecordingNotFoundException extends RecordingException {

  public RecordingNotFoundException(RecordingId id) {
    super("recording " + id + " not found");
  }
}
