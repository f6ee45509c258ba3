package io.chatvideo.recording.local;

import io.chatvideo.recording.core.port.in.SweepUseCase;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the sweep on one daemon thread: first at start (catching up on whatever expired while the
 * server was down), then {@code every} after each run ends. A failed sweep is logged and the next
 * one runs on time; the store may simply have been busy.
 */
public final class PeriodicSweep implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(PeriodicSweep.class.getName());
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final ScheduledExecutorService executor;

  private PeriodicSweep(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  public static PeriodicSweep start(SweepUseCase sweep, Duration every) {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(every, "every");
    if (every.isNegative() || every.isZero()) {
      throw new IllegalArgumentException("the sweep interval must be positive, was " + every);
    }
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "recording-sweep");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(() -> runOnce(sweep, every), 0, every.toNanos(), TimeUnit.NANOSECONDS);
    return new PeriodicSweep(executor);
  }

  /** Stops sweeping, letting a sweep under way finish for a few seconds before interrupting it. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static void runOnce(SweepUseCase sweep, Duration every) {
    try {
      SweepUseCase.SweepReport report = sweep.sweep();
      if (report.expiredRemoved() > 0 || report.abandonedRemoved() > 0) {
        LOG.log(System.Logger.Level.INFO, "sweep removed {0} expired recording(s) and {1} abandoned upload(s)",
            report.expiredRemoved(), report.abandonedRemoved());
      }
    } catch (RuntimeException e) {
      // Caught so the schedule goes on: an exception would silently cancel every later run.
      LOG.log(System.Logger.Level.WARNING, "sweep failed; the next one runs in " + every, e);
    }
  }
}
