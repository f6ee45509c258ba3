package io.chatvideo.recording.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.port.in.JobWorkers;
import io.chatvideo.recording.core.port.in.RunJobsUseCase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class JobLoopTest {

  @Test
  void aDrainingLoopRunsEveryDueJobThenEnds() throws InterruptedException {
    AtomicInteger due = new AtomicInteger(7);
    RunJobsUseCase jobs = () -> due.getAndDecrement() > 0;

    JobLoop loop = JobLoop.start(jobs, 3, "drain", JobWorkers.Until.DRAINED, Duration.ofHours(1),
        new JobBell(), e -> { });
    loop.join();

    assertThat(due.get()).as("each job once, then one empty look per thread").isLessThanOrEqualTo(-1);
    assertThat(loop.running()).isZero();
  }

  @Test
  void aQueueFailureIsReportedAndAWaitingLoopLooksAgain() throws InterruptedException {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    CountDownLatch recovered = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    RunJobsUseCase jobs = () -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("the database is locked");
      }
      recovered.countDown();
      return false;
    };

    JobLoop loop = JobLoop.start(jobs, 1, "wait", JobWorkers.Until.STOPPED, Duration.ofMillis(1),
        new JobBell(), failures::add);

    assertThat(recovered.await(10, TimeUnit.SECONDS)).as("the loop looked again after the failure").isTrue();
    assertThat(failures).singleElement().extracting(Throwable::getMessage).isEqualTo("the database is locked");
    assertThat(loop.stop(Duration.ofSeconds(5), Duration.ofSeconds(5))).isZero();
    assertThat(loop.running()).isZero();
  }

  @Test
  void aDrainingLoopEndsOnAQueueFailure() throws InterruptedException {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    RunJobsUseCase jobs = () -> {
      throw new IllegalStateException("queue unreachable");
    };

    JobLoop loop = JobLoop.start(jobs, 2, "drain", JobWorkers.Until.DRAINED, Duration.ofHours(1),
        new JobBell(), failures::add);
    loop.join();

    assertThat(failures).hasSize(2);
  }

  @Test
  void stopLetsARunningJobFinishWithinItsTimeAndLeasesNoMore() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    RunJobsUseCase jobs = () -> {
      calls.incrementAndGet();
      started.countDown();
      try {
        finish.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return true;
    };
    JobLoop loop = JobLoop.start(jobs, 1, "stop", JobWorkers.Until.STOPPED, Duration.ofHours(1),
        new JobBell(), e -> { });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    AtomicInteger interrupted = new AtomicInteger(-1);
    Thread stopper = new Thread(() -> {
      try {
        interrupted.set(loop.stop(Duration.ofSeconds(20), Duration.ofSeconds(1)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stopper.start();
    // stop() marks the loop stopping before it waits on the workers: once it waits, release the job.
    while (stopper.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }

    finish.countDown();
    stopper.join();

    assertThat(interrupted.get()).isZero();
    assertThat(calls.get()).as("no new lease after stop").isEqualTo(1);
    assertThat(loop.running()).isZero();
  }

  @Test
  void stopInterruptsAJobThatOutlastsItsTime() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger interruptedJobs = new AtomicInteger();
    RunJobsUseCase jobs = () -> {
      started.countDown();
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interruptedJobs.incrementAndGet();
        Thread.currentThread().interrupt();
      }
      return true;
    };
    JobLoop loop = JobLoop.start(jobs, 1, "stop", JobWorkers.Until.STOPPED, Duration.ofHours(1),
        new JobBell(), e -> { });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    int interrupted = loop.stop(Duration.ofMillis(50), Duration.ofSeconds(10));

    assertThat(interrupted).isEqualTo(1);
    assertThat(interruptedJobs.get()).isEqualTo(1);
    assertThat(loop.running()).isZero();
  }

  @Test
  void anIdleLoopLooksAgainWhenTheBellRingsNotAfterItsPause() throws InterruptedException {
    JobBell bell = new JobBell();
    CountDownLatch idle = new CountDownLatch(1);

    boolean looked = secondLook(bell, idle::countDown, () -> {
      assertThat(idle.await(10, TimeUnit.SECONDS)).isTrue();
      bell.ring();
    });

    assertThat(looked).as("looked again within the test, not after an hour").isTrue();
  }

  @Test
  void aJobWrittenWhileTheLoopLooksIsNotMissed() throws InterruptedException {
    JobBell bell = new JobBell();

    // Another thread writes a job after the first look found none, before the loop waits.
    boolean looked = secondLook(bell, bell::ring, () -> { });

    assertThat(looked).as("the ring before the wait was kept").isTrue();
  }

  /** What a test does while a loop with an hour's pause is running. */
  private interface WhileRunning {
    void run() throws InterruptedException;
  }

  /**
   * A loop on {@code bell} with an hour's pause whose first look finds nothing (running
   * {@code inFirstLook}); answers whether a second look came within 10 s of {@code meanwhile}.
   */
  private static boolean secondLook(JobBell bell, Runnable inFirstLook, WhileRunning meanwhile)
      throws InterruptedException {
    CountDownLatch second = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    RunJobsUseCase jobs = () -> {
      if (calls.incrementAndGet() == 1) {
        inFirstLook.run();
      } else {
        second.countDown();
      }
      return false;
    };
    JobLoop loop = JobLoop.start(jobs, 1, "bell", JobWorkers.Until.STOPPED, Duration.ofHours(1), bell, e -> { });
    try {
      meanwhile.run();
      return second.await(10, TimeUnit.SECONDS);
    } finally {
      loop.stop(Duration.ZERO, Duration.ofSeconds(5));
      assertThat(loop.running()).isZero();
    }
  }

  @Test
  void aLoopNeedsAWorkerAndAPositivePause() {
    RunJobsUseCase none = () -> false;

    assertThatThrownBy(() -> JobLoop.start(none, 0, "x", JobWorkers.Until.DRAINED, Duration.ofMillis(1),
        new JobBell(), e -> { }))
        .hasMessage("a job loop has at least 1 worker, not 0");
    assertThatThrownBy(() -> JobLoop.start(none, 1, "x", JobWorkers.Until.DRAINED, Duration.ZERO,
        new JobBell(), e -> { }))
        .hasMessage("the idle pause must be positive, not PT0S");
  }
}
