package io.chatvideo.recording.http;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.port.in.SweepUseCase;
import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.config.ServerSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the core's sweep on Micronaut's scheduler with the local backend: first at start (catching
 * up on whatever expired while the server was down), then {@code recording.sweep-interval} after
 * each run ends. A failed sweep is logged and the next one runs on time; the store may simply have
 * been busy. With the aws backend there is no such bean: S3 expires objects by a lifecycle rule
 * and DynamoDB items by TTL, and the rest goes with a scheduled {@code recordings admin sweep},
 * since the sweep Scans the table, which no API server replica should do on its own timer.
 */
@Context
@Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
final class SweepSchedule {

  private static final Logger LOG = LoggerFactory.getLogger(SweepSchedule.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final SweepUseCase sweep;
  private final Duration every;
  /** Held while a sweep runs, so stopping can wait for it before the backend closes. */
  private final ReentrantLock running = new ReentrantLock();
  private final ScheduledFuture<?> schedule;

  SweepSchedule(Recordings recordings, ServerSettings settings, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
    this.sweep = recordings.sweep();
    this.every = settings.recording().sweepInterval();
    this.schedule = scheduler.scheduleWithFixedDelay(Duration.ZERO, every, this::runOnce);
  }

  /** Stops sweeping, letting a sweep under way finish for a few seconds first. */
  @PreDestroy
  void stop() throws InterruptedException {
    schedule.cancel(false);
    if (running.tryLock(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      running.unlock();
    } else {
      schedule.cancel(true);
    }
  }

  private void runOnce() {
    running.lock();
    try {
      SweepUseCase.SweepReport report = sweep.sweep();
      if (report.expiredRemoved() > 0 || report.abandonedRemoved() > 0 || report.orphansRemoved() > 0) {
        LOG.info("sweep removed {} expired recording(s), {} abandoned upload(s) and {} object(s) no recording"
            + " pointed to", report.expiredRemoved(), report.abandonedRemoved(), report.orphansRemoved());
      }
      if (report.salvaged() > 0) {
        LOG.info("sweep completed {} upload(s) whose client never finished them, as partial recordings",
            report.salvaged());
      }
      if (report.processingRequeued() > 0) {
        LOG.info("sweep queued the processing of {} recording(s) again: their jobs were lost",
            report.processingRequeued());
      }
      if (report.eventsRelayed() > 0) {
        LOG.info("sweep published {} event(s) again: their publish jobs may have been lost", report.eventsRelayed());
      }
    } catch (RuntimeException e) {
      // Caught so the schedule goes on: an exception would silently cancel every later run.
      LOG.warn("sweep failed; the next one runs in {}", every, e);
    } finally {
      running.unlock();
    }
  }
}
