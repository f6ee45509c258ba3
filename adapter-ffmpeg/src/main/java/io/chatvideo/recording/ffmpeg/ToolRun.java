package io.chatvideo.recording.ffmpeg;

import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One run of ffmpeg or ffprobe as a child process: its standard output handed line by line to a
 * consumer (never held whole: a packet listing of a 3-hour call is millions of lines), the tail of
 * its standard error kept for the log, and the process tree killed at the deadline — or as soon as
 * the consumer throws, which is how a reader stops a listing that has said enough.
 *
 * <p>A failure's message names only the program ({@code ffprobe exited with 1}); the command line
 * and stderr's tail, which carry server paths and the tool's words, are its {@code detail}.
 */
final class ToolRun {

  /** How much of stderr a failure keeps: enough for ffmpeg's last few lines, which name the cause. */
  static final int STDERR_TAIL = 2_000;

  private ToolRun() {}

  /**
   * Runs {@code command} to its end within {@code timeout}; a non-zero exit is {@code FAILED} with
   * stderr's tail in the detail. A {@link MediaProcessingException} thrown by {@code stdoutLines}
   * stops the process and is thrown from here.
   */
  static void run(List<String> command, Duration timeout, Consumer<String> stdoutLines) {
    Process process = start(command);
    StringBuilder stderr = new StringBuilder();
    AtomicReference<MediaProcessingException> stopped = new AtomicReference<>();
    Thread errPump = pump(process.getErrorStream(), line -> keepTail(stderr, line), "stderr");
    Thread outPump = pump(process.getInputStream(), line -> {
      if (stopped.get() != null) {
        return;
      }
      try {
        stdoutLines.accept(line);
      } catch (MediaProcessingException enough) {
        stopped.set(enough);
        kill(process);
      }
    }, "stdout");
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new MediaProcessingException(Reason.TIMED_OUT,
            name(command) + " did not finish within " + timeout.toSeconds() + " s and was stopped", detail(command, ""));
      }
      outPump.join(timeout.toMillis());
      errPump.join(timeout.toMillis());
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new MediaProcessingException(Reason.FAILED, name(command) + " was interrupted", detail(command, ""), e);
    }
    if (stopped.get() != null) {
      throw stopped.get();
    }
    if (process.exitValue() != 0) {
      String said;
      synchronized (stderr) {
        said = stderr.toString().strip();
      }
      throw new MediaProcessingException(Reason.FAILED, name(command) + " exited with " + process.exitValue(),
          detail(command, said));
    }
  }

  private static Process start(List<String> command) {
    try {
      return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
    } catch (IOException e) {
      throw new MediaProcessingException(Reason.ENGINE_MISSING, "cannot run " + name(command),
          detail(command, e.getMessage()), e);
    }
  }

  private static String detail(List<String> command, String said) {
    return String.join(" ", command) + (said.isEmpty() ? "" : "\n" + said);
  }

  private static Thread pump(InputStream stream, Consumer<String> lines, String which) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.accept(line);
        }
      } catch (IOException e) {
        // The process was killed or closed its end: what was read is all there is.
      }
    }, "ffmpeg-" + which);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void keepTail(StringBuilder tail, String line) {
    synchronized (tail) {
      tail.append(line).append('\n');
      if (tail.length() > STDERR_TAIL) {
        tail.delete(0, tail.length() - STDERR_TAIL);
      }
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String name(List<String> command) {
    String program = command.get(0);
    return program.substring(program.lastIndexOf('/') + 1);
  }
}
