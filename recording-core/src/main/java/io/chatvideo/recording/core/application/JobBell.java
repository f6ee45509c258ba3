package io.chatvideo.recording.core.application;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Rung whenever this process writes a job, so that an idle worker takes it at once instead of at
 * its next look: without it, an event written by an API call waited up to the idle pause (500 ms)
 * before its delivery began, most of its latency on a quiet machine. Jobs written by another
 * process (a CLI, another server) are still found by the idle looks.
 */
final class JobBell {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition rung = lock.newCondition();
  private long rings;

  /** The count a worker holds before it looks for a job, for {@link #await}. */
  long rings() {
    lock.lock();
    try {
      return rings;
    } finally {
      lock.unlock();
    }
  }

  void ring() {
    lock.lock();
    try {
      rings++;
      rung.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the bell rang after {@code seen} was read (at once if it already did), or for
   * {@code idle}; a ring between the look and this call is not lost.
   */
  void await(long seen, Duration idle) throws InterruptedException {
    long left = idle.toNanos();
    lock.lock();
    try {
      while (rings == seen && left > 0) {
        left = rung.awaitNanos(left);
      }
    } finally {
      lock.unlock();
    }
  }
}
