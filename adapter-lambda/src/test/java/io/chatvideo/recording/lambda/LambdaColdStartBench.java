package io.chatvideo.recording.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * bench/lambda-cold-start.sh: in the same run, against the same stand-ins and configuration, the
 * function's cold start (a fresh JVM: launch to the first answered event, and inside it handler
 * creation to that answer) and the server jar's (launch to the first 200 on /health). Run only by
 * name ({@code -Dit.test=LambdaColdStartBench}); prints one line per run and the medians.
 */
@ExtendWith({AwsStandIns.class, SqsStandIn.class})
class LambdaColdStartBench {

  private static final Pattern HANDLER_MS = Pattern.compile("cold-start handler-ms=(\\d+) status=(\\d+)");

  @Test
  void functionAgainstServer() throws Exception {
    int runs = Integer.getInteger("bench.runs", 5);
    String name = "lambda-bench-" + UUID.randomUUID().toString().substring(0, 8);
    try (AwsBackend aws = AwsBackend.create(AwsStandIns.settings(name, name).withQueue(name,
        Optional.of(SqsStandIn.endpoint())), AwsStandIns.credentials())) {
      aws.infrastructure().bootstrap(Duration.ofDays(30), List.of(), AwsBackend.DEFAULT_JOB_ATTEMPTS);
    }
    try (TestIdentityProvider idp = new TestIdentityProvider(); TempDirectory work = new TempDirectory("lambda-bench")) {
      Map<String, String> environment = FunctionEnvironment.of(name, idp);
      environment.putAll(FunctionEnvironment.credentials());
      List<Long> launch = new ArrayList<>();
      List<Long> handler = new ArrayList<>();
      List<Long> server = new ArrayList<>();
      for (int i = 1; i <= runs; i++) {
        long[] function = function(environment, work.path());
        launch.add(function[0]);
        handler.add(function[1]);
        server.add(server(environment, work.path().resolve("server-" + i)));
        System.out.printf("run %d: function launch->answer %d ms (handler->answer %d ms), server launch->200 %d ms%n",
            i, function[0], function[1], server.get(server.size() - 1));
      }
      System.out.printf("MEDIAN function launch->first answered event %d ms, handler creation->answer %d ms;"
          + " server launch->first 200 %d ms (%d runs)%n", median(launch), median(handler), median(server), runs);
    } finally {
      AwsStandIns.deleteTable(name);
    }
  }

  /** A JVM on the test classpath running {@link ColdStart}, as Lambda's runtime would; {launch→answer, handler→answer}. */
  private static long[] function(Map<String, String> environment, Path work) throws IOException, InterruptedException {
    Path log = Files.createTempFile(work, "function", ".log");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), ColdStart.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    assertThat(process.waitFor()).as("function run: %s", read(log)).isZero();
    long launch = (System.nanoTime() - start) / 1_000_000;
    Matcher matcher = HANDLER_MS.matcher(read(log));
    assertThat(matcher.find()).as("function run: %s", read(log)).isTrue();
    assertThat(matcher.group(2)).isEqualTo("200");
    return new long[] {launch, Long.parseLong(matcher.group(1))};
  }

  /**
   * The server jar, as bench/startup.sh times it: launch to the first 200 on /health, polled every
   * 10 ms (ServerProcess polls every 200 ms, too coarse to compare starts).
   */
  private static long server(Map<String, String> environment, Path data) throws Exception {
    Files.createDirectories(data);
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", ServerProcess.jar().toAbsolutePath().toString())
        .directory(data.toFile()).redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
    builder.environment().putAll(environment);
    builder.environment().putAll(Map.of("MICRONAUT_SERVER_HOST", "127.0.0.1", "MICRONAUT_SERVER_PORT",
        Integer.toString(port), "RECORDINGS_DATA_DIR", data.resolve("data").toString(),
        "RECORDING_PROCESSING_ENABLED", "false"));
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(5)).build();
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      Instant deadline = Instant.now().plusSeconds(90);
      while (Instant.now().isBefore(deadline)) {
        assertThat(process.isAlive()).as("server: %s", read(data.resolve("server.log"))).isTrue();
        try {
          if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return (System.nanoTime() - start) / 1_000_000;
          }
        } catch (IOException notYetListening) {
          // Polled again below.
        }
        Thread.sleep(10);
      }
      throw new AssertionError("the server did not answer /health in 90 s: " + read(data.resolve("server.log")));
    } finally {
      process.destroy();
      process.waitFor();
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
