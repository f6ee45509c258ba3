package io.chatvideo.recording.core.port.in;

import java.time.Duration;

/**
 * Running workers, each a thread that runs {@link RunJobsUseCase#runNext} in a loop: the server's
 * in-process workers and {@code recordings worker} are the same loop with different ways to end.
 * A failure of the queue itself (unreachable, busy) goes to the starter's handler and the thread
 * looks again after the idle pause; the job it may have leased comes back when its lease ends.
 */
public interface JobWorkers {

  /**
   * How long a worker waits before it looks again when no job was due; a job written in its own
   * process wakes it at once.
   */
  Duration IDLE = Duration.ofMillis(500);

  /**
   * How long a waiting worker's look may last on a queue that can wait for a job to arrive (SQS's
   * long polling, whose ceiling this is): an idle worker makes about 180 requests an hour instead
   * of one per {@link #IDLE}, and a job sent meanwhile answers the look at once. A stop ends such a
   * look at once.
   */
  Duration LONG_POLL = Duration.ofSeconds(20);

  /** When the workers end on their own. */
  enum Until {
    /** Only at {@link #stop}: they wait for more jobs. */
    STOPPED,
    /** As soon as no job is due, or the queue failed (a batch run). */
    DRAINED
  }

  /** How many workers are still running (a job, or waiting for one). */
  int running();

  /** Waits until every worker has ended (drained, or stopped). */
  void join() throws InterruptedException;

  /**
   * No new leases; running jobs get {@code finishWithin} to end, then an interrupt and
   * {@code interruptGrace} to end; a job ended by the stop, or still running after it, goes back
   * to the queue at once (its lease is released), for the next worker. Answers how many had to be
   * interrupted.
   */
  int stop(Duration finishWithin, Duration interruptGrace) throws InterruptedException;
}
