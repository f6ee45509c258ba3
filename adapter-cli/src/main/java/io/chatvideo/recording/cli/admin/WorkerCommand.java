package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.DurationConverter;
import io.chatvideo.recording.cli.terminal.Times;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.port.in.JobWorkers;
import io.chatvideo.recording.mail.MailSettings;
import io.chatvideo.recording.wiring.Setting;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recordings worker}: the server's processing workers as a process of their own, for a
 * machine (or many) that does only that. Safety side by side comes from the queue, which hands a
 * job to one lease at a time; a worker that stops gives its jobs back at once, and one that dies
 * leaves its job to the next when its short lease ends (on the embedded backend, at once: the
 * next process to open the data directory takes back what a dead one held).
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Process completed recordings: run the backend's processing jobs until SIGTERM or Ctrl-C.",
        "Any number of workers may run side by side, on any machines: the job queue gives each job to one at a "
            + "time. Prints one line per job: the recording, how it ended, how long it took. The backend is "
            + "configured like the admin commands'; aws needs --queue."})
public final class WorkerCommand implements Callable<Integer> {

  static final int MAX_WORKERS = 64;
  /** After the stop timeout, how long an interrupted job has to hand its lease back. */
  static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

  private final Environment environment;

  @Spec
  CommandSpec spec;

  @Mixin
  BackendOptions backend;

  @Mixin
  ProcessingOptions processing;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "${env:RECORDING_PROCESSING_WORKERS:-1}",
      description = "Jobs run at once, 1 to " + MAX_WORKERS + " (env RECORDING_PROCESSING_WORKERS; default: 1).")
  int workers;

  @Option(names = "--stop-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "30s",
      description = "At SIGTERM or Ctrl-C, how long running jobs may still take; one still running then is "
          + "stopped and goes back to the queue at once, for another worker (default: ${DEFAULT-VALUE}).")
  Duration stopTimeout;

  @Option(names = "--drain", description = "Stop once no job is due instead of waiting for more (batch runs).")
  boolean drain;

  private volatile boolean queueFailed;
  private volatile AdminBackend store;

  WorkerCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (workers < 1 || workers > MAX_WORKERS) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--workers must be 1 to " + MAX_WORKERS + ", was " + workers);
    }
    PrintWriter err = spec.commandLine().getErr();
    try (ComposedAdminBackend opened = BackendFactory.processing(backend, environment, processing,
        queue -> new ReportingJobQueue(queue, new ReportingJobQueue.Listener() {
          @Override
          public void ended(JobLease lease, Optional<String> failure, Optional<Instant> retryAt, Duration took) {
            report(lease, failure, retryAt, took);
          }

          @Override
          public void handedBack(JobLease lease, Duration took) {
            spec.commandLine().getOut().println(what(lease) + lease.job().subject() + ": handed back ("
                + seconds(took) + "), due at once for the next worker");
          }
        }))) {
      store = opened;
      MailSettings mail = opened.settings().mail();
      err.println("worker: " + workers + " at a time on " + opened.description() + ", ffmpeg " + processing.ffmpeg
          + (mail.enabled() ? ", mail " + mail.transport().name().toLowerCase(Locale.ROOT) : "")
          + (drain ? ", until no job is due" : "; stop with Ctrl-C or SIGTERM"));
      Setting.deprecations(BackendFactory.source(backend, Optional.of(processing), environment))
          .forEach(notice -> err.println("worker: " + notice));
      err.println("worker: wiring: " + opened.wiring());
      JobWorkers loop = opened.recordings().startWorkers(workers, "worker",
          drain ? JobWorkers.Until.DRAINED : JobWorkers.Until.STOPPED, JobWorkers.IDLE, e -> queueFailed(e, err));
      Thread hook = new Thread(() -> stop(loop, err), "worker-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        loop.join();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // The hook is running (a signal): it stops the workers.
        }
      }
    }
    return drain && queueFailed ? 1 : 0;
  }

  /** The queue itself failed (unreachable, busy): a leased job comes back with its lease. */
  private void queueFailed(Throwable e, PrintWriter err) {
    queueFailed = true;
    err.println("worker: the job queue failed (" + e.getMessage() + ")"
        + (drain ? "" : "; trying again in " + JobWorkers.IDLE.toMillis() + " ms"));
  }

  /** The shutdown hook: no new leases; running jobs get the stop timeout, then an interrupt. */
  private void stop(JobWorkers loop, PrintWriter err) {
    err.println("worker: stopping; " + loop.running() + " worker(s) finish their job, for up to "
        + stopTimeout.toSeconds() + " s");
    try {
      int interrupted = loop.stop(stopTimeout, INTERRUPT_GRACE);
      if (interrupted > 0) {
        err.println("worker: " + interrupted + " job(s) still running after " + stopTimeout.toSeconds()
            + " s: stopped them; each went back to the queue, due at once for the next worker");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    err.flush();
  }

  private static String what(JobLease lease) {
    return switch (lease.job().kind()) {
      case PROCESS_RECORDING -> "recording ";
      case FIND_SPEAKERS -> "speakers of recording ";
      case SEND_EMAIL -> "email for event ";
      case PUBLISH_EVENT, DELIVER_WEBHOOK -> "event delivery ";
    };
  }

  private static String seconds(Duration took) {
    return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
  }

  private void report(JobLease lease, Optional<String> failure, Optional<Instant> retryAt, Duration took) {
    String subject = lease.job().subject();
    String what = what(lease);
    String seconds = seconds(took);
    String line;
    if (failure.isEmpty() && lease.job().kind() != JobKind.PROCESS_RECORDING) {
      line = "done (" + seconds + ")";
    } else if (failure.isEmpty()) {
      Outcome outcome = outcome(subject);
      line = outcome.state() + " (" + seconds + ")" + outcome.reason().map(reason -> ": " + reason).orElse("");
    } else if (retryAt.isPresent()) {
      line = "attempt " + lease.attempt() + " failed (" + seconds + "), again at "
          + Times.local(retryAt.get(), environment.zone()) + ": " + failure.get();
    } else {
      line = "dead after " + lease.attempt() + " attempt(s) (" + seconds + "): " + failure.get();
    }
    spec.commandLine().getOut().println(what + subject + ": " + line);
  }

  /** How a job that is done left its recording: ready, failed for good (with the reason), or gone. */
  private Outcome outcome(String subject) {
    Optional<Recording> found;
    try {
      found = store.find(RecordingId.parse(subject));
    } catch (InvalidInputException notAnId) {
      return new Outcome("skipped, not a recording id", Optional.empty());
    }
    if (found.isEmpty()) {
      return new Outcome("gone, deleted while it was processed", Optional.empty());
    }
    if (!(found.get() instanceof CompletedRecording completed)) {
      return new Outcome(found.get().status().name(), Optional.empty());
    }
    ProcessingState state = completed.processing().state();
    return new Outcome(state.wireName(), completed.processing().failure());
  }

  private record Outcome(String state, Optional<String> reason) {}
}
