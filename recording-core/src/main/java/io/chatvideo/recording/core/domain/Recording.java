package io.chatvideo.recording.core.domain;

/**
 * A recording in one of its states. Transitions exist only where the lifecycle allows them:
 * {@link PendingRecording#complete} and {@link PendingRecording#abandon}; a completed or abandoned
 * recording has no way back. Deletion removes a recording in any state.
 */
public sealed interface Recording permits PendingRecording, CompletedRecording, AbandonedRecording {

  RecordingDetails details();

  RecordingStatus status();

  default RecordingId id() {
    return details().id();
  }
}
