package io.chatvideo.recording.http;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.port.in.JobWorkers;
import io.chatvideo.recording.http.config.ServerSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own workers ({@code recording.processing.workers}, default 1) when processing is on,
 * in the core's {@link JobWorkers}: the number of threads is the bound on concurrent ffmpeg runs. At
 * shutdown a running job is interrupted at once and its lease released: the job is due again at
 * once, for the next worker (this server when it starts again, or a {@code recordings worker}). Not in a function (adapter-lambda): there the process is frozen
 * between requests, and the worker tier runs the jobs.
 */
@Context
@Requires(notEnv = Environment.FUNCTION)
final class ProcessingWorkers {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessingWorkers.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final JobWorkers loop;

  ProcessingWorkers(Recordings recordings, ServerSettings settings) {
    // Event deliveries run on the same workers, so they run when either is on.
    boolean work = recordings.processingEnabled() || recordings.eventsEnabled();
    this.loop = !work || !recordings.runsJobs() || settings.wiring().processing().workers() == 0 ? null
        : recordings.startWorkers(settings.wiring().processing().workers(), "processing", JobWorkers.Until.STOPPED,
            JobWorkers.IDLE, ProcessingWorkers::queueFailed);
  }

  private static void queueFailed(Throwable e) {
    if (e instanceof LinkageError) {
      LOG.error("processing worker hit a broken build; its job comes back when the lease ends", e);
    } else {
      LOG.warn("processing worker could not reach the job queue; trying again in {}", JobWorkers.IDLE, e);
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    if (loop != null && loop.stop(Duration.ZERO, STOP_TIMEOUT) > 0 && loop.running() > 0) {
      LOG.warn("processing workers did not stop within {}; their jobs went back to the queue", STOP_TIMEOUT);
    }
  }
}
