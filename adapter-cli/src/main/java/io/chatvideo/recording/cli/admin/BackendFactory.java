package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.wiring.Composition;
import io.chatvideo.recording.wiring.Composition.Role;
import io.chatvideo.recording.wiring.SettingException;
import io.chatvideo.recording.wiring.SettingsSource;
import io.chatvideo.recording.wiring.WiringSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The CLI's edge of the one composition ({@link Composition}, recording-wiring): the command line's
 * options over the server's environment variables in, a store for the admin commands out. The
 * settings are read and checked as the server reads them, so a worker started from the server's
 * environment wires what the server wires.
 */
final class BackendFactory {

  private BackendFactory() {}

  /** The store, for commands that do not process (init, list): on aws no job queue is opened. */
  static AdminBackend open(BackendOptions options, Environment environment) {
    return compose(options, Optional.empty(), environment, Role.STORE, UnaryOperator.identity(), "");
  }

  /**
   * The store with processing on but no ffmpeg: jobs are queued (a reprocess, a lost job found by
   * the sweep), never run here. On aws without a queue, the store alone.
   */
  static AdminBackend queueing(BackendOptions options, Environment environment) {
    return compose(options, Optional.empty(), environment, Role.QUEUE, UnaryOperator.identity(), "");
  }

  /**
   * The store with events on, for the webhook commands: on aws the job queue must be given, since
   * a test delivery and every event's publish are jobs on it.
   */
  static AdminBackend webhooks(BackendOptions options, Environment environment) {
    return compose(options, Optional.empty(), environment, Role.EVENTS, UnaryOperator.identity(),
        "deliver webhooks on");
  }

  /**
   * The worker's store: the backend's job queue, seen through {@code watch}, ffmpeg found as the
   * server finds it, events, the configured webhook and mail. A {@code CliException} when ffmpeg is
   * missing or the backend has no queue.
   */
  static ComposedAdminBackend processing(BackendOptions options, Environment environment,
      ProcessingOptions processing, UnaryOperator<JobQueue> watch) {
    return compose(options, Optional.of(processing), environment, Role.WORKER, watch, "process from");
  }

  /** The settings as the server reads them: these options first, then the environment. */
  static WiringSettings settings(BackendOptions options, Optional<ProcessingOptions> processing,
      Environment environment) {
    try {
      return WiringSettings.read(source(options, processing, environment));
    } catch (SettingException e) {
      throw new CliException("invalid configuration: " + e.getMessage(), e);
    }
  }

  /** Where the settings are read from: the options given, then the environment. */
  static SettingsSource source(BackendOptions options, Optional<ProcessingOptions> processing,
      Environment environment) {
    return SettingsSource.of(given(options, processing)).orElse(SettingsSource.environment(environment.variables()));
  }

  private static ComposedAdminBackend compose(BackendOptions options, Optional<ProcessingOptions> processing,
      Environment environment, Role role, UnaryOperator<JobQueue> watch, String queuePurpose) {
    WiringSettings settings = settings(options, processing, environment);
    if (!queuePurpose.isEmpty()) {
      requireQueue(settings, queuePurpose);
    }
    try {
      return new ComposedAdminBackend(description(options, settings), settings, Composition.compose(settings, role,
          environment.clock(), Composition.Edges.none().watching(watch)));
    } catch (SettingException e) {
      throw new CliException("invalid configuration: " + e.getMessage(), e);
    }
  }

  private static void requireQueue(WiringSettings settings, String purpose) {
    if (settings.aws().filter(aws -> aws.settings().queue().isEmpty()).isPresent()) {
      throw new CliException("no job queue to " + purpose + ": the aws backend needs --queue (or RECORDING_AWS_QUEUE)");
    }
  }

  private static String description(BackendOptions options, WiringSettings settings) {
    return settings.aws().map(aws -> "aws bucket " + aws.bucket() + ", table " + aws.table()
        + aws.settings().queue().map(queue -> ", queue " + queue).orElse("") + " in " + aws.settings().region())
        .orElseGet(() -> "local data directory " + settings.dataDir());
  }

  /** The options given, under the keys of the settings they stand for; the endpoints checked with the flags' names. */
  private static Map<String, String> given(BackendOptions options, Optional<ProcessingOptions> processing) {
    Map<String, String> given = new HashMap<>();
    options.backend().ifPresent(backend -> given.put("recording.backend", backend));
    Path data = options.dataDirectory().toAbsolutePath().normalize();
    given.put("recording.data-dir", data.toString());
    given.put("recording.webhook.allow-loopback", String.valueOf(options.webhookAllowLoopback));
    options.region().ifPresent(region -> given.put("recording.aws.region", region));
    options.bucket().ifPresent(bucket -> given.put("recording.aws.bucket", bucket));
    options.table().ifPresent(table -> given.put("recording.aws.table", table));
    options.s3Endpoint().ifPresent(url -> given.put("recording.aws.s3-endpoint", url.toString()));
    options.dynamoDbEndpoint().ifPresent(url -> given.put("recording.aws.dynamodb-endpoint", url.toString()));
    given.put("recording.aws.path-style", String.valueOf(options.pathStyle()));
    options.queue().ifPresent(queue -> given.put("recording.aws.queue", queue));
    options.sqsEndpoint().ifPresent(url -> given.put("recording.aws.sqs-endpoint", url.toString()));
    processing.ifPresent(p -> {
      given.put("recording.processing.ffmpeg", p.ffmpeg.toString());
      given.put("recording.processing.timeout", p.timeout.toString());
      Optional.ofNullable(p.lease).ifPresent(lease -> given.put("recording.jobs.lease", lease));
      given.put("recording.processing.max-duration", p.maxDuration.toString());
      given.put("recording.processing.mp4", String.valueOf(p.mp4));
    });
    return given;
  }
}
