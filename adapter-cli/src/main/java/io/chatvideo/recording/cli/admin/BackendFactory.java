package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.JobPolicy;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.Mailer;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import io.chatvideo.recording.ffmpeg.FfmpegMediaProcessor;
import io.chatvideo.recording.ffmpeg.FfmpegSettings;
import io.chatvideo.recording.ffmpeg.FfmpegSpeechActivity;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.webhook.StandardWebhookSender;
import io.chatvideo.recording.webhook.WebhookSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The CLI's composition root: the only place that picks a backend and wires the core on it. */
final class BackendFactory {

  static final Duration AWS_CALL_TIMEOUT = Duration.ofSeconds(30);
  /** As the server's: a job is dead after this many attempts, in SQLite and in SQS alike. */
  static final int JOB_ATTEMPTS = AwsBackend.DEFAULT_JOB_ATTEMPTS;

  private BackendFactory() {}

  /** The store, for commands that do not process: no job queue is opened. */
  static AdminBackend open(BackendOptions options, Clock clock, Duration retention) {
    return open(options, clock, retention, Optional.empty());
  }

  /**
   * The store with processing on but no ffmpeg: jobs are queued (a reprocess, a lost job found by
   * the sweep), never run here. On aws without a queue, the store alone.
   */
  static AdminBackend queueing(BackendOptions options, Clock clock) {
    boolean queue = options.kind() == BackendOptions.Kind.LOCAL || options.queue().isPresent();
    return open(options, clock, RetentionPolicy.DEFAULT_RETENTION, !queue ? Optional.empty()
        : Optional.of(new Engine(Optional.empty(), ProcessingPolicy.on(), JobPolicy.defaults(), UnaryOperator.identity(),
            Optional.empty())));
  }

  /**
   * The store with processing on: the backend's job queue, seen through {@code watch}, and ffmpeg
   * found as the server finds it, and the mail the worker sends on events. A {@code CliException}
   * when ffmpeg is missing or the backend has no queue (or no events, with mail).
   */
  static AdminBackend processing(BackendOptions options, Clock clock, ProcessingOptions processing,
      UnaryOperator<JobQueue> watch, Optional<Mail> mail) {
    if (processing.maxDuration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new CliException("--max-duration: must be at least 1 second, was " + processing.maxDuration);
    }
    JobPolicy jobs;
    try {
      jobs = new JobPolicy(processing.lease, JobPolicy.DEFAULT_RETRY_BASE);
    } catch (IllegalArgumentException e) {
      throw new CliException("--lease: " + e.getMessage(), e);
    }
    ProcessingPolicy policy = new ProcessingPolicy(true, processing.mp4, ProcessingPolicy.DEFAULT_THUMBNAIL_WIDTH,
        ProcessingPolicy.DEFAULT_LEASE, ProcessingPolicy.DEFAULT_REQUEUE_AFTER, ProcessingPolicy.DEFAULT_RETRY_BASE,
        processing.maxDuration);
    return open(options, clock, RetentionPolicy.DEFAULT_RETENTION,
        Optional.of(new Engine(Optional.of(ffmpeg(processing)), policy, jobs, watch, mail)));
  }

  /** How the worker emails owners: through {@code mailer}, linking to {@code publicUrl}'s library page. */
  record Mail(Mailer mailer, HttpUrl publicUrl) {}

  /**
   * What processing runs on besides the store; without ffmpeg, jobs are only queued. The speaker
   * timeline runs on the same ffmpeg as the media.
   */
  private record Engine(Optional<FfmpegSettings> ffmpeg, ProcessingPolicy policy, JobPolicy jobs,
      UnaryOperator<JobQueue> watch, Optional<Mail> mail) {}

  private static FfmpegSettings ffmpeg(ProcessingOptions processing) {
    FfmpegSettings found = FfmpegSettings.find(processing.ffmpeg).orElseThrow(() -> new CliException(
        "ffmpeg not found: '" + processing.ffmpeg + "' with ffprobe beside it is not an executable program; install "
            + "ffmpeg or pass --ffmpeg PATH (or RECORDING_PROCESSING_FFMPEG)"));
    try {
      return new FfmpegSettings(found.ffmpeg(), found.ffprobe(), processing.timeout);
    } catch (IllegalArgumentException e) {
      throw new CliException("--timeout: " + e.getMessage(), e);
    }
  }

  /**
   * The store with events on, for the webhook commands: locally as {@link #open}; on aws the job
   * queue must be given, since a test delivery and every event's publish are jobs on it.
   */
  static AdminBackend webhooks(BackendOptions options, Clock clock) {
    return switch (options.kind()) {
      case LOCAL -> open(options, clock, RetentionPolicy.DEFAULT_RETENTION);
      case AWS -> aws(options, clock, RetentionPolicy.DEFAULT_RETENTION, Optional.empty(), "deliver webhooks on");
    };
  }

  private static AdminBackend open(BackendOptions options, Clock clock, Duration retention, Optional<Engine> engine) {
    return switch (options.kind()) {
      case LOCAL -> local(options.dataDirectory().toAbsolutePath().normalize(), options.webhookAllowLoopback, clock,
          retention, engine);
      case AWS -> aws(options, clock, retention, engine, engine.isPresent() ? "process from" : "");
    };
  }

  /**
   * The local store writes events as the server does (a sweep's expiries, a reprocessing's result),
   * and a worker delivers them beside the server's own workers, so every command gets the outbox.
   */
  private static AdminBackend local(Path directory, boolean allowLoopback, Clock clock, Duration retention,
      Optional<Engine> engine) {
    LocalBackend backend = LocalBackend.open(directory, clock);
    StandardWebhookSender sender = StandardWebhookSender.create(WebhookSettings.defaults(allowLoopback));
    Recordings.Builder builder = wire(clock, retention).repository(backend.repository()).storage(backend.storage())
        .ledger(backend.ledger());
    JobQueue jobs = backend.jobs(JOB_ATTEMPTS);
    if (engine.isPresent()) {
      process(builder, engine.get(), jobs, backend.speakerTimelines()).workDirectory(backend.workDirectory());
    } else {
      builder.jobs(jobs);
    }
    builder.events(backend.events(), backend.webhookEndpoints(), sender).webhookUrls(new WebhookUrlPolicy(allowLoopback));
    engine.flatMap(Engine::mail).ifPresent(mail -> builder.mail(mail.mailer(), mail.publicUrl()));
    return new LocalAdminBackend(directory, backend, builder.build(), sender);
  }

  /**
   * With an engine or a {@code purpose} for the queue (the webhook commands), the job queue and
   * events on: the sweep's expiries and the worker's results are written with their events, and
   * the worker delivers them. Without either (init, list), the store alone: {@code admin init}
   * runs before the queue exists.
   */
  private static AdminBackend aws(BackendOptions options, Clock clock, Duration retention, Optional<Engine> engine,
      String purpose) {
    AwsSettings settings;
    try {
      settings = new AwsSettings(options.region(), options.bucket(), options.table(), options.s3Endpoint(),
          options.dynamoDbEndpoint(), options.pathStyle(), AWS_CALL_TIMEOUT);
      if (options.queue().isPresent()) {
        settings = settings.withQueue(options.queue().get(), options.sqsEndpoint());
      }
    } catch (IllegalArgumentException e) {
      throw new CliException("aws backend: " + e.getMessage(), e);
    }
    AwsBackend backend = AwsBackend.create(settings);
    Recordings.Builder builder = wire(clock, retention).repository(backend.repository()).storage(backend.storage())
        .ledger(backend.ledger());
    if (purpose.isEmpty()) {
      return new AwsAdminBackend(settings, backend, builder.build(), Optional.empty());
    }
    StandardWebhookSender sender = null;
    try {
      JobQueue jobs = backend.jobs(JOB_ATTEMPTS).orElseThrow(() -> new CliException(
          "no job queue to " + purpose + ": the aws backend needs --queue (or RECORDING_AWS_QUEUE)"));
      if (engine.isPresent()) {
        process(builder, engine.get(), jobs, backend.speakerTimelines());
      } else {
        builder.jobs(jobs);
      }
      sender = StandardWebhookSender.create(WebhookSettings.defaults(options.webhookAllowLoopback));
      builder.events(backend.events(jobs), backend.webhookEndpoints(), sender)
          .webhookUrls(new WebhookUrlPolicy(options.webhookAllowLoopback));
      engine.flatMap(Engine::mail).ifPresent(mail -> builder.mail(mail.mailer(), mail.publicUrl()));
      return new AwsAdminBackend(settings, backend, builder.build(), Optional.of(sender));
    } catch (RuntimeException e) {
      AwsAdminBackend.closeQuietly(sender);
      backend.close();
      throw e;
    }
  }

  private static Recordings.Builder process(Recordings.Builder builder, Engine engine, JobQueue jobs,
      SpeakerTimelines timelines) {
    engine.ffmpeg().map(FfmpegMediaProcessor::new).ifPresent(builder::media);
    builder.speakers(timelines, engine.ffmpeg().map(FfmpegSpeechActivity::new));
    return builder.jobs(engine.watch().apply(jobs)).processing(engine.policy()).jobPolicy(engine.jobs());
  }

  private static Recordings.Builder wire(Clock clock, Duration retention) {
    return Recordings.builder().clock(clock).retention(new RetentionPolicy(retention));
  }
}
