package io.chatvideo.recording.http;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.port.in.RunJobsUseCase;
import io.chatvideo.recording.http.config.ServerSettings;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own workers ({@code recording.processing.workers}, default 1) when processing is on:
 * each leases a job, runs it, and looks again after {@link #IDLE} when none was due. The pool is
 * the bound on concurrent ffmpeg runs. At shutdown a running job is interrupted; its lease runs out
 * and the job goes to the next worker, as if this one had died.
 */
@Context
final class ProcessingWorkers {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessingWorkers.class);
  static final Duration IDLE = Duration.ofMillis(500);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final ExecutorService pool;
  private volatile boolean stopping;

  ProcessingWorkers(Recordings recordings, ServerSettings settings) {
    // Event deliveries run on the same workers, so they run when either is on.
    if (!recordings.processingEnabled() && !recordings.eventsEnabled()) {
      this.pool = null;
      return;
    }
    int workers = settings.processing().workers();
    AtomicInteger number = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(workers, task -> {
      Thread thread = new Thread(task, "processing-" + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    RunJobsUseCase jobs = recordings.jobs();
    for (int i = 0; i < workers; i++) {
      pool.execute(() -> work(jobs));
    }
  }

  private void work(RunJobsUseCase jobs) {
    while (!stopping) {
      boolean ran = false;
      try {
        ran = jobs.runNext();
      } catch (RuntimeException e) {
        // The queue itself failed (the database busy or gone): the job, if any, comes back with its lease.
        LOG.warn("processing worker could not reach the job queue; trying again in {}", IDLE, e);
      } catch (LinkageError e) {
        // A class missing from the build: logged loudly rather than ending the thread without a word.
        LOG.error("processing worker hit a broken build; its job comes back when the lease ends", e);
      }
      if (!ran && !pause()) {
        return;
      }
    }
  }

  private boolean pause() {
    try {
      Thread.sleep(IDLE.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    if (pool == null) {
      return;
    }
    stopping = true;
    pool.shutdownNow();
    if (!pool.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      LOG.warn("processing workers did not stop within {}; their jobs go to the next worker", STOP_TIMEOUT);
    }
  }
}
