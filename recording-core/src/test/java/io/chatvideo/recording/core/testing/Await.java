package io.chatvideo.recording.core.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A bounded wait for a state to show, for tests that watch another thread or process: polls
 * every 50 ms and fails naming what it waited for. It waits for a state, never for a time.
 *
 * <pre>{@code
 * ProcessHandle ffmpeg = Await.until("the worker's ffmpeg", Duration.ofMinutes(2),
 *     () -> worker.descendants().findFirst());
 * }</pre>
 */
public final class Await {

  private Await() {}

  /** What {@code probe} answers first, polled until it answers something; an {@code AssertionError} after {@code limit}. */
  public static <T> T until(String what, Duration limit, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
    throw new AssertionError("waited " + limit + " for " + what);
  }
}
