package io.chatvideo.recording.core.port.in;

import java.util.Optional;

/** For administrators: every stored recording, expired or not, without download URLs. */
public interface ListAllRecordingsUseCase {

  RecordingPage listAll(int limit, Optional<String> pageToken);
}
