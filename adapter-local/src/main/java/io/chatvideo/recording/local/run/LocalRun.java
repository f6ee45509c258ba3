package io.chatvideo.recording.local.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run of a process on this machine: its process id and the instant it started, written as
 * {@code run-<pid>-<start in epoch ms>}. A job's lease in the SQLite queue names the run that holds
 * it, and each run keeps its work files in a directory of that name, so a process started later
 * can tell a dead run (no process with that id started at that instant) from a live one and take
 * back at once what the dead one held. The data directory is shared only by processes of one
 * machine (SQLite's own requirement), which is what makes a process id meaningful here.
 *
 * <pre>{@code
 * LocalRun run = LocalRun.current();
 * boolean dead = !LocalRun.alive("run-4242-1767225600000");
 * }</pre>
 */
public record LocalRun(long pid, long startedAtMillis) {

  private static final Pattern NAME = Pattern.compile("run-(\\d+)-(\\d+)");
  private static final LocalRun CURRENT = of(ProcessHandle.current())
      .orElseThrow(() -> new IllegalStateException("this platform does not say when a process started"));

  /** This process's run. */
  public static LocalRun current() {
    return CURRENT;
  }

  /** The run of {@code process}, when the platform says when it started. */
  static Optional<LocalRun> of(ProcessHandle process) {
    return process.info().startInstant().map(start -> new LocalRun(process.pid(), start.toEpochMilli()));
  }

  /** The run a name written by {@link #name()} stands for; empty for any other name. */
  public static Optional<LocalRun> parse(String name) {
    Matcher matcher = NAME.matcher(Objects.requireNonNull(name, "name"));
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new LocalRun(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  /**
   * Whether the run {@code name} stands for may still be running: true for a name that is not a
   * run's (nothing is known of it), false only when no process with its id started at its instant.
   */
  public static boolean alive(String name) {
    return parse(name).map(LocalRun::alive).orElse(true);
  }

  /** Whether a process with this id, started at this instant (to the second), still runs. */
  public boolean alive() {
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return false;
    }
    // The same id given to a later process is another run; start times are compared to the
    // second, as some platforms round them.
    return process.get().info().startInstant()
        .map(start -> Math.abs(start.toEpochMilli() - startedAtMillis) < 1000)
        .orElse(true);
  }

  /** This run's own directory under {@code parent}, where its jobs keep their files while they run. */
  public static Path workDirectory(Path parent) {
    return parent.resolve(current().name());
  }

  /**
   * Deletes the directories under {@code parent} of runs that are over (their process was killed
   * or crashed mid-job); what is not a run's directory, or a live run's, is left alone. Answers
   * how many went; a directory that cannot be deleted now is tried again at the next start.
   */
  public static int removeDeadWorkDirectories(Path parent) {
    if (!Files.isDirectory(parent)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> runs = Files.list(parent)) {
      for (Path run : runs.toList()) {
        Optional<LocalRun> owner = parse(run.getFileName().toString());
        if (owner.isPresent() && !owner.get().alive()) {
          deleteTree(run);
          removed++;
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // A leftover directory costs disk only.
    }
    return removed;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  public String name() {
    return "run-" + pid + "-" + startedAtMillis;
  }

  public Instant startedAt() {
    return Instant.ofEpochMilli(startedAtMillis);
  }
}
