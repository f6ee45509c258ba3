package io.chatvideo.recording.core.port.in;

import java.time.Duration;

/**
 * The worker's step: lease the next due job, run it, and tell the queue how it went. A worker
 * (a thread in the server, {@code recordings worker} on another machine) calls it in a loop and
 * waits a little when it answers {@code false}.
 */
public interface RunJobsUseCase {

  /** Runs one due job; {@code false} when none was due. */
  boolean runNext();

  /**
   * As {@link #runNext()}, but on a queue that can wait for a job to arrive (SQS's long polling)
   * it waits up to {@code wait} first; an interrupt ends that wait.
   */
  default boolean runNext(Duration wait) {
    return runNext();
  }

  /**
   * The workers are stopping: no job is leased from now on, and a job that ends undone from now on
   * (the stop interrupted it) goes back to the queue at once rather than at its retry time.
   */
  default void stopping() {}

  /**
   * After the stop's grace: the leases of jobs still running go back to the queue, due at once,
   * so the next worker need not wait for them to run out. Answers how many.
   */
  default int handBack() {
    return 0;
  }
}
