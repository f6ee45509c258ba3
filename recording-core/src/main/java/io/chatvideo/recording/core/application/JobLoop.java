package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.port.in.JobWorkers;
import io.chatvideo.recording.core.port.in.RunJobsUseCase;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** {@link JobWorkers} on plain threads. */
final class JobLoop implements JobWorkers {

  private final RunJobsUseCase jobs;
  private final List<Thread> threads;
  private volatile boolean stopping;

  private JobLoop(RunJobsUseCase jobs, int workers, String name, Until until, Duration idle, JobBell bell,
      Consumer<Throwable> onQueueFailure) {
    this.jobs = jobs;
    this.threads = IntStream.rangeClosed(1, workers)
        .mapToObj(n -> {
          Thread thread = new Thread(() -> work(jobs, until, idle, bell, onQueueFailure), name + "-" + n);
          // Never what keeps a JVM alive: the owner joins the threads or stops them.
          thread.setDaemon(true);
          return thread;
        })
        .toList();
  }

  /**
   * Starts {@code workers} threads named {@code name-1}, {@code name-2}, …; an idle one looks
   * again when {@code bell} rings, or after {@code idle}.
   */
  static JobLoop start(RunJobsUseCase jobs, int workers, String name, Until until, Duration idle, JobBell bell,
      Consumer<Throwable> onQueueFailure) {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(bell, "bell");
    Objects.requireNonNull(onQueueFailure, "onQueueFailure");
    if (workers < 1) {
      throw new IllegalArgumentException("a job loop has at least 1 worker, not " + workers);
    }
    if (idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("the idle pause must be positive, not " + idle);
    }
    JobLoop loop = new JobLoop(jobs, workers, name, until, idle, bell, onQueueFailure);
    loop.threads.forEach(Thread::start);
    return loop;
  }

  @Override
  public int running() {
    return (int) threads.stream().filter(Thread::isAlive).count();
  }

  @Override
  public void join() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join();
    }
  }

  @Override
  public int stop(Duration finishWithin, Duration interruptGrace) throws InterruptedException {
    stopping = true;
    jobs.stopping();
    joinAll(finishWithin);
    List<Thread> still = threads.stream().filter(Thread::isAlive).toList();
    still.forEach(Thread::interrupt);
    joinAll(interruptGrace);
    try {
      jobs.handBack();
    } catch (RuntimeException e) {
      // The queue is unreachable: those leases run out on their own.
    }
    return still.size();
  }

  /** Joins the threads for at most {@code within} in all. */
  private void joinAll(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (Thread thread : threads) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      thread.join(Math.max(1, left / 1_000_000));
    }
  }

  private void work(RunJobsUseCase jobs, Until until, Duration idle, JobBell bell,
      Consumer<Throwable> onQueueFailure) {
    while (!stopping) {
      long seen = bell.rings();
      boolean ran;
      try {
        // A waiting loop's look may last a long poll; a batch run answers as soon as none is due.
        ran = until == Until.DRAINED ? jobs.runNext() : jobs.runNext(JobWorkers.LONG_POLL);
      } catch (RuntimeException | LinkageError e) {
        // A LinkageError (a class missing from the build) is reported too, rather than ending the
        // thread without a word.
        onQueueFailure.accept(e);
        if (until == Until.DRAINED) {
          return;
        }
        ran = false;
      }
      if (!ran && (until == Until.DRAINED || !pause(bell, seen, idle))) {
        return;
      }
    }
  }

  /** Until a job was written here since {@code seen}, or {@code idle}: whether to look again. */
  private boolean pause(JobBell bell, long seen, Duration idle) {
    try {
      bell.await(seen, idle);
      return !stopping;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
