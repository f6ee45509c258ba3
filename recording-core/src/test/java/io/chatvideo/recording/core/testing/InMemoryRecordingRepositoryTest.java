package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.port.out.RecordingRepository;

class InMemoryRecordingRepositoryTest extends RecordingRepositoryContract {

  @Override
  protected RecordingRepository repository() {
    return new InMemoryRecordingRepository();
  }
}
