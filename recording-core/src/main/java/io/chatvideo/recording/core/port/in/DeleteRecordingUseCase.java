package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.UserId;

/** Deletes the object and the metadata; only the owner may. */
public interface DeleteRecordingUseCase {

  void delete(UserId caller, RecordingId id);
}
