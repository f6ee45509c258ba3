package io.chatvideo.recording.core.port.in;

/**
 * The worker's step: lease the next due job, run it, and tell the queue how it went. A worker
 * (a thread in the server, {@code recordings worker} on another machine) calls it in a loop and
 * waits a little when it answers {@code false}.
 */
public interface RunJobsUseCase {

  /** Runs one due job; {@code false} when none was due. */
  boolean runNext();
}
