package io.chatvideo.recording.core.testing;

class InMemoryShareRepositoryTest extends ShareRepositoryContract {

  @Override
  protected Stores stores() {
    return new Stores(new InMemoryRecordingRepository(), new InMemoryShareRepository());
  }
}
