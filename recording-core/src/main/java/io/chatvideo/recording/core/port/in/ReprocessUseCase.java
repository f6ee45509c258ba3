package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.RecordingId;

/** An administrator's: process a completed recording again (after a failure, or with a newer engine). */
public interface ReprocessUseCase {

  /** Queues the recording's processing again; a {@code ConflictException} when it is not completed or processing is off. */
  CompletedRecording reprocess(RecordingId id);
}
