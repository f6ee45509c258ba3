package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;

/** One recording the caller may see, with a fresh download URL when it is COMPLETED. */
public interface GetRecordingUseCase {

  RecordingView get(UserId caller, RecordingId id);
}
