package io.chatvideo.recording.http.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaded server jar run as a child process ({@code java -jar}), as an operator runs it: on
 * 127.0.0.1, with its own data directory, stopped by its pid. The one launcher of the server for
 * every module's tests (adapter-cli's take it from this module's test-jar).
 *
 * <p>The server binds a port of its own choosing ({@code MICRONAUT_SERVER_PORT=-1}) and the test
 * reads it from the line it prints when it listens. A port found free by the test and handed
 * over would stay unbound until the child's JVM is up, a second or more in which any socket of
 * the machine (an outgoing connection's source port too) may take it.
 */
public final class ServerProcess implements AutoCloseable {

  static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private static final Pattern LISTENING = Pattern.compile("Recordings API listening on (http://127\\.0\\.0\\.1:\\d+) \\(");

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final Path dataDirectory;
  private URI uri;

  private ServerProcess(Process process, Path stdout, Path stderr, Path dataDirectory) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.dataDirectory = dataDirectory;
  }

  /** The jar the build made, handed over by Failsafe. */
  public static Path jar() {
    Path jar = Path.of(System.getProperty("recordings.server.jar", "target/recordings-server.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run the integration tests through Maven (verify)");
    }
    return jar;
  }

  /** Starts the jar with {@code environment} on top of a port of its choosing and the given data directory. */
  public static ServerProcess start(Path data, Map<String, String> environment, String... jvmOptions) {
    return start(List.of(), data, environment, jvmOptions);
  }

  /**
   * Starts the jar as {@link #start(Path, Map, String...)} does, its clock {@code ahead} of the
   * machine's: under libfaketime ({@code faketime -f +N}, Debian's {@code faketime}), which the
   * JVM and the ffmpeg it runs both follow. What a server does days later, tested now.
   */
  public static ServerProcess startAhead(Duration ahead, Path data, Map<String, String> environment) {
    return start(List.of("faketime", "-f", "+" + ahead.toSeconds()), data, environment);
  }

  private static ServerProcess start(List<String> prefix, Path data, Map<String, String> environment,
      String... jvmOptions) {
    try {
      Path logs = Files.createTempDirectory("recordings-server-logs");
      Path stdout = logs.resolve("stdout.log");
      Path stderr = logs.resolve("stderr.log");
      List<String> command = new ArrayList<>(prefix);
      command.add(javaCommand());
      command.addAll(List.of(jvmOptions));
      command.addAll(List.of("-jar", jar().toAbsolutePath().toString()));
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(data.toFile())
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile());
      builder.environment().put("MICRONAUT_SERVER_PORT", "-1");
      builder.environment().put("MICRONAUT_SERVER_HOST", "127.0.0.1");
      Path dataDirectory = data.resolve("data");
      builder.environment().put("RECORDINGS_DATA_DIR", dataDirectory.toString());
      // Off unless a test asks: the workers would change recordings and the data folder under
      // tests that look at neither's processing.
      builder.environment().put("RECORDING_PROCESSING_ENABLED", "false");
      builder.environment().putAll(environment);
      return new ServerProcess(builder.start(), stdout, stderr, dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the server listens, once it has said so; fails with what it printed if it exits or stays silent. */
  public synchronized URI uri() {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (uri == null) {
      Matcher listening = LISTENING.matcher(stdout());
      if (listening.find()) {
        uri = URI.create(listening.group(1));
      } else if (!process.isAlive()) {
        throw new AssertionError("the server exited with " + process.exitValue() + " before listening: " + stderr()
            + stdout());
      } else if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the server did not listen in " + START_TIMEOUT + ": " + stdout());
      } else {
        pause();
      }
    }
    return uri;
  }

  /** Waits until {@code GET /health} answers 200, or fails with what the process printed. */
  public ServerProcess awaitHealthy(Api api) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("the server exited with " + process.exitValue() + ": " + stderr() + stdout());
      }
      try {
        if (api.get("/health", null).status() == 200) {
          return this;
        }
      } catch (UncheckedIOException notYetListening) {
        // Keep polling until the deadline.
      }
      pause();
    }
    throw new AssertionError("the server did not become healthy in " + START_TIMEOUT + ": " + stdout());
  }

  /** Waits for the process to end by itself and returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the server is still running after " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String stdout() {
    return read(stdout);
  }

  public String stderr() {
    return read(stderr);
  }

  /** Everything the server printed, stderr then stdout: for a failing assertion's message. */
  public String output() {
    return stderr() + stdout();
  }

  /** The server's {@code RECORDINGS_DATA_DIR}: what the admin commands open to see its store. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL to the server and what it runs (ffmpeg): it gets no chance to finish anything. */
  public void kill() {
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the server did not end within 30 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops the server and what it runs by their pids (SIGTERM, so it shuts down gracefully) and
   * waits for it.
   */
  @Override
  public void close() {
    process.toHandle().descendants().forEach(ProcessHandle::destroy);
    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  /** The java of this test run: for starting the server, and any other jar a test runs. */
  public static String javaCommand() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
