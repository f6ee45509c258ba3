package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Duration;
import java.time.Instant;

class InMemoryJobQueueTest extends JobQueueContract {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T12:00:00Z"));

  @Override
  protected JobQueue queue() {
    return new InMemoryJobQueue(MAX_ATTEMPTS);
  }

  @Override
  protected Instant now() {
    return clock.instant();
  }

  @Override
  protected void pass(Duration duration) {
    clock.advance(duration);
  }
}
