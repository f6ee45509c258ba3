package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.testing.Await;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.local.LocalBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recordings worker} (the shaded jar) stopped in the middle of a job, on the embedded
 * backend, with a lease of 30 minutes: a worker stopped by SIGTERM hands its job back at once, and
 * one killed by SIGKILL (with its ffmpeg) leaves a job the next worker takes back at once, its
 * work directory deleted; the recording ends ready within seconds of the last start, not 30
 * minutes later.
 */
class WorkerKillIT {

  /** Long enough that the transcode runs for seconds on a busy two-core machine. */
  private static final int SECONDS = 20;
  private static final Duration STEP_STARTS = Duration.ofMinutes(2);
  private static final Duration READY = Duration.ofMinutes(3);

  @TempDir
  Path home;

  private final List<Process> workers = new ArrayList<>();

  @AfterEach
  void stop() {
    workers.forEach(Process::destroyForcibly);
  }

  @Test
  void aStoppedWorkerHandsItsJobBackAndAKilledOnesJobIsTakenBackByTheNextAtOnce() throws Exception {
    Path data = home.resolve("data");
    Path webm = testRecording(home.resolve("call.webm"));
    Clock clock = Clock.systemUTC();
    CompletedRecording queued;
    try (LocalBackend backend = LocalBackend.open(data, clock)) {
      queued = ProcessedUploads.complete(backend.repository(), backend.storage(), backend.jobs(5), clock,
          "ann@example.com", webm);
    }

    Process first = start("first", "0s");
    ProcessHandle firstTranscode = transcodeOf(first);
    first.destroy();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("the stopped worker ended").isTrue();
    firstTranscode.onExit().get(30, TimeUnit.SECONDS);
    assertThat(read("first.out")).as(read("first.err"))
        .contains("recording " + queued.id() + ": handed back");

    Process second = start("second", "30s");
    ProcessHandle secondTranscode = transcodeOf(second);
    Path secondWork = onlyRunDirectory(data);
    ProcessHandle.of(second.pid()).orElseThrow().destroyForcibly();
    secondTranscode.destroyForcibly();
    second.waitFor(30, TimeUnit.SECONDS);
    secondTranscode.onExit().get(30, TimeUnit.SECONDS);
    assertThat(secondWork).as("the killed worker's work directory, before the next start").exists();

    long restarted = System.nanoTime();
    Process third = start("third", "30s");
    String ready = "recording " + queued.id() + ": ready";
    Await.until("the third worker to make the recording ready", READY,
        () -> read("third.out").contains(ready) ? Optional.of(true) : Optional.empty());
    Duration tookAfterRestart = Duration.ofNanos(System.nanoTime() - restarted);

    assertThat(secondWork).as("the killed worker's work directory").doesNotExist();
    assertThat(tookAfterRestart).as("from the last start to ready, with a lease of 30 min")
        .isLessThan(READY);
    System.out.printf("worker killed mid-transcode: ready %d s after the next worker started%n",
        tookAfterRestart.toSeconds());
    third.destroy();
    assertThat(third.waitFor(30, TimeUnit.SECONDS)).isTrue();
    try (LocalBackend backend = LocalBackend.open(data, clock)) {
      CompletedRecording done = (CompletedRecording) backend.repository().find(queued.id()).orElseThrow();
      assertThat(done.processing().state()).isEqualTo(ProcessingState.READY);
      assertThat(backend.jobs(5).dead(10)).isEmpty();
    }
  }

  private Process start(String name, String stopTimeout) throws IOException {
    Process worker = new ProcessBuilder(ServerProcess.javaCommand(), "-Xmx256m", "-jar",
        System.getProperty("recordings.cli.jar"), "worker", "--data-dir", home.resolve("data").toString(),
        "--backend", "local", "--lease", "30m", "--stop-timeout", stopTimeout)
        .redirectOutput(home.resolve(name + ".out").toFile()).redirectError(home.resolve(name + ".err").toFile())
        .start();
    workers.add(worker);
    return worker;
  }

  /** The worker's ffmpeg child once it transcodes to H.264: the middle of the job. */
  private static ProcessHandle transcodeOf(Process worker) {
    return Await.until("the worker's ffmpeg transcoding to H.264", STEP_STARTS, () -> worker.descendants()
        .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).contains("libx264"))
        .findFirst());
  }

  private static Path onlyRunDirectory(Path data) throws IOException {
    try (Stream<Path> runs = Files.list(data.resolve("processing"))) {
      List<Path> found = runs.filter(dir -> dir.getFileName().toString().startsWith("run-")).toList();
      assertThat(found).as("run directories under processing/").hasSize(1);
      return found.get(0);
    }
  }

  private String read(String name) {
    try {
      Path file = home.resolve(name);
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** VP8 and Opus in WebM, as MediaRecorder writes them, from ffmpeg's test sources. */
  private static Path testRecording(Path file) throws IOException, InterruptedException {
    Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
        "testsrc=size=640x360:rate=30:duration=" + SECONDS, "-f", "lavfi", "-i",
        "sine=frequency=440:sample_rate=48000:duration=" + SECONDS, "-c:v", "libvpx", "-deadline", "realtime",
        "-b:v", "1M", "-c:a", "libopus", "-f", "webm", file.toString()).redirectErrorStream(true).start();
    String log = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ffmpeg.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(log).as("ffmpeg making the test recording").isBlank();
    return file;
  }

}
