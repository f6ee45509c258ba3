package io.chatvideo.recording.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A second JVM running {@link ChildMain} on this test's class path: "the CLI", or a writer to kill. */
public final class ChildProcess implements AutoCloseable {

  private static final Duration LINE_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final BufferedReader out;

  private ChildProcess(Process process) {
    this.process = process;
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  public static ChildProcess start(List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ChildMain.class.getName());
    command.addAll(List.of(args));
    return new ChildProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
  }

  /** The next line the child prints, failing after a minute of silence. */
  public String nextLine() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + LINE_TIMEOUT.toNanos();
    while (!out.ready()) {
      if (!process.isAlive() && !out.ready()) {
        String rest = out.readLine();
        if (rest != null) {
          return rest;
        }
        throw new AssertionError("the child exited with " + process.exitValue() + " before printing a line");
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the child printed nothing for " + LINE_TIMEOUT);
      }
      process.waitFor(10, TimeUnit.MILLISECONDS);
    }
    return out.readLine();
  }

  /** Sends the child one line on its standard input. */
  public void say(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  public int waitForExit() throws InterruptedException {
    if (!process.waitFor(LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the child did not exit within " + LINE_TIMEOUT);
    }
    return process.exitValue();
  }

  /** Kills the child as a crash would: no shutdown hooks, no finally blocks. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("the child survived destroyForcibly");
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
