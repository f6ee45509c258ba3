package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real recordings server (adapter-http's fat jar, local backend unless told otherwise) as a
 * child process on 127.0.0.1 at a port it picks and prints, with its own data directory; stopped
 * by its pid.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Recordings API listening on (http://127\\.0\\.0\\.1:\\d+) \\(");

  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path log;
  final URI url;
  final Path dataDirectory;

  private ServerProcess(Process process, Path log, URI url, Path dataDirectory) {
    this.process = process;
    this.log = log;
    this.url = url;
    this.dataDirectory = dataDirectory;
  }

  static Path jar() {
    String configured = System.getProperty("recordings.server.jar");
    if (configured == null) {
      fail("system property recordings.server.jar is not set: run the integration tests through Maven (failsafe)");
    }
    Path jar = Path.of(configured);
    if (!Files.isRegularFile(jar)) {
      fail("the server jar " + jar + " is missing: build it with mvn -pl adapter-http -am package -DskipTests");
    }
    return jar;
  }

  static ServerProcess start(Path workDirectory) throws IOException, InterruptedException {
    return start(workDirectory, Map.of());
  }

  /** Starts the server with {@code environment} on top of the defaults below (another backend, processing). */
  static ServerProcess start(Path workDirectory, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path jar = jar();
    Path data = Files.createDirectories(workDirectory.resolve("server-data"));
    Path log = workDirectory.resolve("server.log");
    ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar",
        jar.toString())
        .directory(workDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // The server picks its port and says which; a port found free here could be taken by any socket
    // of the machine before the child's JVM binds it.
    builder.environment().put("MICRONAUT_SERVER_PORT", "-1");
    builder.environment().put("MICRONAUT_SERVER_HOST", "127.0.0.1");
    builder.environment().put("RECORDINGS_DATA_DIR", data.toString());
    // The tests compare what the API answers at two moments; the server's own workers would move a
    // recording's processing state between them. The worker's tests process on purpose.
    builder.environment().put("RECORDING_PROCESSING_ENABLED", "false");
    builder.environment().putAll(environment);
    Process process = builder.start();
    try {
      ServerProcess server = new ServerProcess(process, log, awaitListening(process, log), data);
      server.awaitHealthy();
      return server;
    } catch (RuntimeException | Error | InterruptedException e) {
      stop(process);
      throw e;
    }
  }

  /** Reads where the server listens from the line it prints once it does. */
  private static URI awaitListening(Process process, Path log) throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Matcher listening = LISTENING.matcher(read(log));
      if (listening.find()) {
        return URI.create(listening.group(1));
      }
      if (!process.isAlive()) {
        fail("the server exited with " + process.exitValue() + " before it listened; its log:\n" + read(log));
      }
      Thread.sleep(200);
    }
    return fail("the server did not listen within " + START_TIMEOUT.toSeconds() + " s; its log:\n" + read(log));
  }

  private void awaitHealthy() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        fail("the server exited with " + process.exitValue() + " before it was healthy; its log:\n" + logText());
      }
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url.resolve("/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet: try again shortly.
      }
      Thread.sleep(200);
    }
    fail("the server did not answer GET /health with 200 within " + START_TIMEOUT.toSeconds() + " s; its log:\n"
        + logText());
  }

  String logText() {
    return read(log);
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static String javaCommand() {
    return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString());
  }

  /** SIGKILL: the server gets no chance to finish anything. */
  void kill() throws InterruptedException {
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the server did not end within 30 s of SIGKILL");
    }
  }

  @Override
  public void close() {
    stop(process);
  }

  private static void stop(Process process) {
    ProcessHandle handle = process.toHandle();
    handle.descendants().forEach(ProcessHandle::destroy);
    handle.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        handle.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      handle.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
