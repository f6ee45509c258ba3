package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.support.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server and {@code recordings worker} started from the same environment wire the same
 * policies: both compose through recording-wiring and say what they wired in one line (the
 * server's log, the worker's standard error), which must be equal, and must carry the values the
 * environment set (the worker once ignored the webhook timeout, retries and URL).
 */
class WiringParityIT {

  private static final Pattern SERVER_WIRING = Pattern.compile(" - wiring: (.*)");
  private static final Pattern WORKER_WIRING = Pattern.compile("worker: wiring: (.*)");

  @TempDir
  Path home;

  @Test
  void theServerAndTheWorkerFromOneEnvironmentWireTheSamePolicies() throws Exception {
    Map<String, String> environment = Map.ofEntries(
        Map.entry("RECORDING_PROCESSING_ENABLED", "true"),
        Map.entry("RECORDING_JOBS_LEASE", "45s"),
        Map.entry("RECORDING_JOBS_RETRY_BASE", "10s"),
        Map.entry("RECORDING_JOBS_MAIL_RETRY_BASE", "2m"),
        Map.entry("RECORDING_PROCESSING_TIMEOUT", "90s"),
        Map.entry("RECORDING_PROCESSING_MP4", "false"),
        Map.entry("RECORDING_PROCESSING_MAX_DURATION", "2h"),
        Map.entry("RECORDING_RETENTION", "14d"),
        Map.entry("RECORDING_WEBHOOK_URL", "http://127.0.0.1:9/hook"),
        Map.entry("RECORDING_WEBHOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        Map.entry("RECORDING_WEBHOOK_ALLOW_LOOPBACK", "true"),
        Map.entry("RECORDING_WEBHOOK_TIMEOUT", "7s"),
        Map.entry("RECORDING_WEBHOOK_RETRIES", "1s,2m,3h"),
        Map.entry("RECORDING_WEBHOOK_RETENTION", "10d"));
    String server;
    Path data;
    try (ServerProcess started = ServerFixture.start(home, environment)) {
      server = line(SERVER_WIRING, started.output()).orElseThrow(() -> new AssertionError(
          "the server logged no wiring line:\n" + started.output()));
      data = started.dataDirectory();
    }

    Path err = home.resolve("worker.err");
    ProcessBuilder builder = new ProcessBuilder(ServerProcess.javaCommand(), "-Xmx256m", "-jar",
        System.getProperty("recordings.cli.jar"), "worker", "--drain")
        .redirectOutput(home.resolve("worker.out").toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("RECORDINGS_DATA_DIR", data.toString());
    Process worker = builder.start();
    try {
      assertThat(worker.waitFor(90, TimeUnit.SECONDS)).as("the worker drained and stopped").isTrue();
    } finally {
      worker.destroyForcibly();
    }
    String workerErr = Files.readString(err);
    String wired = line(WORKER_WIRING, workerErr).orElseThrow(() -> new AssertionError(
        "the worker printed no wiring line:\n" + workerErr));

    assertThat(wired).isEqualTo(server);
    assertThat(server).contains("recordings kept PT336H", "queue sqlite", "jobs lease PT45S, retry base PT10S (mail PT2M)",
        "processing run with ffmpeg ", "(timeout PT1M30S)",
        "mp4 false", "longest PT2H", "webhook url set", "timeout PT7S", "retries [PT1S, PT2M, PT3H]", "kept PT240H",
        "loopback allowed", "mail off");
  }

  private static Optional<String> line(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
  }
}
