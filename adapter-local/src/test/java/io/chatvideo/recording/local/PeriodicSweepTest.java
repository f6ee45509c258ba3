package io.chatvideo.recording.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.in.SweepUseCase;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicSweepTest {

  @Test
  void aFailedSweepIsFollowedByTheNextOneOnADaemonThread() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch threeRuns = new CountDownLatch(3);
    AtomicInteger onDaemonThread = new AtomicInteger();
    SweepUseCase failingFirst = () -> {
      if (Thread.currentThread().isDaemon() && Thread.currentThread().getName().equals("recording-sweep")) {
        onDaemonThread.incrementAndGet();
      }
      threeRuns.countDown();
      if (calls.incrementAndGet() == 1) {
        throw new StorageUnavailableException("the metadata database is busy");
      }
      return new SweepUseCase.SweepReport(1, 0);
    };

    try (PeriodicSweep sweep = PeriodicSweep.start(failingFirst, Duration.ofMillis(1))) {
      assertThat(threeRuns.await(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(onDaemonThread.get()).isEqualTo(calls.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void theFirstSweepRunsAtStartWithoutWaitingAnInterval() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);

    try (PeriodicSweep sweep = PeriodicSweep.start(() -> {
      ran.countDown();
      return new SweepUseCase.SweepReport(0, 0);
    }, Duration.ofDays(1))) {
      assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void anIntervalThatIsNotPositiveIsRefused() {
    SweepUseCase nothing = () -> new SweepUseCase.SweepReport(0, 0);

    assertThatThrownBy(() -> PeriodicSweep.start(nothing, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PeriodicSweep.start(nothing, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
