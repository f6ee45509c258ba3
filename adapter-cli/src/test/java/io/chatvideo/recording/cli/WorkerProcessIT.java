package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.local.LocalBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker as operators run it: the shaded jar in a process of its own, stopped by SIGTERM.
 * It processes the queued recording, then the signal stops it within the stop timeout.
 */
class WorkerProcessIT {

  static final Duration BOUND = Duration.ofSeconds(90);

  @TempDir
  Path home;

  @Test
  void theWorkerProcessesAJobAndStopsOnSigterm() throws Exception {
    Path data = home.resolve("data");
    Clock clock = Clock.systemUTC();
    CompletedRecording queued;
    try (LocalBackend backend = LocalBackend.open(data, clock)) {
      queued = ProcessedUploads.complete(backend.repository(), backend.storage(), backend.jobs(5), clock,
          "ann@example.com", ProcessedUploads.CHROMIUM_WEBM);
    }
    Path out = home.resolve("worker.out");
    Path err = home.resolve("worker.err");
    Process worker = new ProcessBuilder(ServerProcess.javaCommand(), "-Xmx256m", "-jar",
        System.getProperty("recordings.cli.jar"), "worker", "--data-dir", data.toString(), "--backend", "local",
        "--stop-timeout", "10s")
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      String ready = "recording " + queued.id() + ": ready";
      long deadline = System.nanoTime() + BOUND.toNanos();
      while (!read(out).contains(ready) && worker.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(read(out)).as(read(err)).contains(ready);

      worker.destroy();

      assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("stopped within the stop timeout").isTrue();
      assertThat(worker.exitValue()).as("the exit status of a SIGTERM").isEqualTo(143);
      assertThat(read(err)).contains("worker: stopping; ");
    } finally {
      worker.destroyForcibly();
    }
    try (LocalBackend backend = LocalBackend.open(data, clock)) {
      assertThat(((CompletedRecording) backend.repository().find(queued.id()).orElseThrow()).processing().state())
          .isEqualTo(ProcessingState.READY);
    }
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }
}
