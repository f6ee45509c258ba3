package io.chatvideo.recording.core.testing;

class InMemoryPasscodeAttemptsTest extends PasscodeAttemptsContract {

  @Override
  protected Pair pair() {
    InMemoryPasscodeAttempts store = new InMemoryPasscodeAttempts();
    return new Pair(store, store);
  }
}
