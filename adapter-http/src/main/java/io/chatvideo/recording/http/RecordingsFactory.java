package io.chatvideo.recording.http;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.MediaProcessor;
import io.chatvideo.recording.ffmpeg.FfmpegMediaProcessor;
import io.chatvideo.recording.ffmpeg.FfmpegSettings;
import io.chatvideo.recording.ffmpeg.FfmpegSpeechActivity;
import io.chatvideo.recording.http.config.AwsBackendSettings;
import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.config.InvalidConfigurationException;
import io.chatvideo.recording.http.config.ProcessingSettings;
import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.http.config.WebhookSettings;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.webhook.StandardWebhookSender;
import io.chatvideo.recording.http.config.ShareSettings;
import io.chatvideo.recording.http.passcode.BcryptPasscodeHasher;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.local.files.ObjectAccess;
import io.chatvideo.recording.local.run.LocalRun;
import io.chatvideo.recording.mail.MailTransport;
import io.chatvideo.recording.mail.MailTransports;
import io.chatvideo.recording.mail.TransportMailer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The composition root: the one place that picks a backend from {@code recording.backend} and
 * wires the core's use cases onto it with the configured policies.
 */
@Factory
final class RecordingsFactory {

  private static final Logger LOG = LoggerFactory.getLogger(RecordingsFactory.class);
  /** How often a queue runs a job before it lists it as dead (SQS: the receives of its redrive policy). */
  static final int JOB_ATTEMPTS = AwsBackend.DEFAULT_JOB_ATTEMPTS;

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * @param credentials AWS credentials when a test or an embedding application supplies them; else
   *     the SDK's default chain (environment, profile, container, instance role)
   */
  @Context
  @Bean(preDestroy = "close")
  Backend backend(ServerSettings settings, BeanProvider<LocalBackend> local,
      @Nullable AwsCredentialsProvider credentials) {
    return switch (settings.recording().backend()) {
      case LOCAL -> local(settings, local.get());
      case AWS -> aws(settings, credentials);
    };
  }

  /** The data directory, opened once; {@link Backend#close} closes it. */
  @Singleton
  @Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
  LocalBackend localBackend(ServerSettings settings, Clock clock) {
    return LocalBackend.open(settings.recording().dataDir(), clock);
  }

  /** What the local store's capability URLs may do, for the {@code /objects} routes. */
  @Singleton
  @Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
  ObjectAccess objectAccess(LocalBackend local) {
    return local.objects();
  }

  /** Delivers events; closed at shutdown. */
  @Singleton
  @Bean(preDestroy = "close")
  StandardWebhookSender webhookSender(WebhookSettings webhooks) {
    try {
      return StandardWebhookSender.create(new io.chatvideo.recording.webhook.WebhookSettings(webhooks.timeout(),
          webhooks.allowLoopback(), io.chatvideo.recording.webhook.WebhookSettings.DEFAULT_MAX_RESPONSE_BYTES));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("recording.webhook.timeout", e.getMessage());
    }
  }

  /**
   * What email goes out through ({@code recording.mail.transport}); SES takes the given AWS
   * credentials, else its own default chain, which this closes at shutdown.
   */
  @Singleton
  @Bean(preDestroy = "close")
  OutgoingMail outgoingMail(ServerSettings settings, Clock clock, @Nullable AwsCredentialsProvider credentials) {
    DefaultCredentialsProvider own = settings.mail().transport() == MailTransport.SES && credentials == null
        ? DefaultCredentialsProvider.builder().build() : null;
    AwsCredentialsProvider chosen = credentials != null ? credentials : own;
    Optional<TransportMailer> mailer = MailTransports.open(settings.mail(), clock, () -> chosen);
    mailer.ifPresent(m -> LOG.info("mail is on: {}", settings.mail()));
    return new OutgoingMail(mailer, Optional.ofNullable(own));
  }

  @Singleton
  Recordings recordings(Backend backend, ServerSettings settings, ShareSettings shares, Clock clock,
      WebhookSettings webhooks, BeanProvider<StandardWebhookSender> sender, OutgoingMail mail) {
    Recordings.Builder builder = Recordings.builder()
        .repository(backend.repository())
        .storage(backend.storage())
        .ledger(backend.ledger())
        .clock(clock)
        .retention(settings.retention())
        .presign(settings.presign())
        .sizes(settings.sizes())
        .limits(settings.limits())
        .shares(backend.shares())
        .passcodes(new BcryptPasscodeHasher())
        .passcodeAttempts(backend.passcodeAttempts(), shares.guesses())
        .sharePolicy(shares.policy());
    backend.jobs().ifPresent(builder::jobs);
    builder.jobPolicy(settings.jobPolicy());
    ProcessingSettings processing = settings.processing();
    if (processing.workers() == 0 && queuesJobs(processing, backend)) {
      LOG.info("processing is on with no worker in this server (recording.processing.workers=0): completed "
          + "recordings are queued for 'recordings worker' to process");
      builder.processing(settings.processingPolicy());
      builder.speakers(backend.speakerTimelines(), Optional.empty());
    } else {
      Optional<FfmpegSettings> ffmpeg = processing.workers() > 0 ? media(processing, backend) : Optional.empty();
      Optional<MediaProcessor> media = ffmpeg.map(FfmpegMediaProcessor::new);
      // Each run works in a directory of its own; those of runs that died mid-job go now.
      Path work = settings.recording().dataDir().resolve("processing");
      media.ifPresent(engine -> LocalRun.removeDeadWorkDirectories(work));
      media.ifPresent(engine -> builder.media(engine)
          .processing(settings.processingPolicy())
          .workDirectory(LocalRun.workDirectory(work)));
      // The speaker timeline runs on the same ffmpeg, as a job after processing: no setting of its own.
      builder.speakers(backend.speakerTimelines(), ffmpeg.map(FfmpegSpeechActivity::new));
      if (media.isEmpty()) {
        // Processing off still leases event jobs, for the configured time: a delivery whose worker died comes back then.
        ProcessingPolicy on = settings.processingPolicy();
        builder.processing(new ProcessingPolicy(false, on.mp4(), on.thumbnailWidth(), on.lease(), on.requeueAfter(),
            on.retryBase(), on.maxDuration()));
      }
    }
    if (backend.events().isPresent()) {
      BackendEvents events = backend.events().get();
      Events.configure(webhooks, events.endpoints(), clock);
      try {
        builder.eventRetention(webhooks.retention());
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigurationException("recording.webhook.retention", e.getMessage());
      }
      builder.events(events.outbox(), events.endpoints(), sender.get())
          .webhookUrls(new WebhookUrlPolicy(webhooks.allowLoopback()))
          .webhookRetries(Events.schedule(webhooks));
      mail.mailer().ifPresent(mailer -> builder.mail(mailer, settings.mail().publicUrl().orElseThrow()));
    } else if (mail.mailer().isPresent()) {
      throw new InvalidConfigurationException("recording.mail.transport", "needs a job queue to send on: set "
          + "recording.aws.queue (mail goes out on the events published there; adapter-mail/README.md)");
    } else if (webhooks.url() != null) {
      throw new InvalidConfigurationException("recording.webhook.url", "needs a job queue to deliver on: set "
          + "recording.aws.queue (events are written with the changes and published on it; adapter-aws/README.md, "
          + "Events)");
    }
    return builder.build();
  }

  /**
   * The ffmpeg of the media engine (and the speech engine beside it) when processing is on: asked for ({@code enabled=true}: ffmpeg missing stops
   * start-up), or not said (on when ffmpeg is found, one log line either way).
   */
  private static Optional<FfmpegSettings> media(ProcessingSettings processing, Backend backend) {
    if (!queuesJobs(processing, backend)) {
      return Optional.empty();
    }
    boolean asked = Boolean.TRUE.equals(processing.enabled());
    Optional<FfmpegSettings> found = FfmpegSettings.find(Path.of(processing.ffmpeg()))
        .map(ffmpeg -> new FfmpegSettings(ffmpeg.ffmpeg(), ffmpeg.ffprobe(), processing.timeout()));
    if (found.isEmpty()) {
      if (asked) {
        throw new InvalidConfigurationException("recording.processing.ffmpeg", "'" + processing.ffmpeg()
            + "' with ffprobe beside it is not an executable program; install ffmpeg, point this at it, or set "
            + "recording.processing.enabled=false");
      }
      LOG.info("processing is off: ffmpeg was not found ('{}' with ffprobe beside it); install ffmpeg to make "
          + "recordings seekable, with an MP4 and a thumbnail", processing.ffmpeg());
      return Optional.empty();
    }
    LOG.info("processing is on: {} worker(s), ffmpeg {}, mp4 {}", processing.workers(), found.get().ffmpeg(),
        processing.mp4() ? "on" : "off");
    return found;
  }

  /** Whether processing is not turned off and the backend has a queue for its jobs; says why not. */
  private static boolean queuesJobs(ProcessingSettings processing, Backend backend) {
    if (Boolean.FALSE.equals(processing.enabled())) {
      LOG.info("processing is off (recording.processing.enabled=false): recordings stay as uploaded");
      return false;
    }
    if (backend.jobs().isEmpty()) {
      if (Boolean.TRUE.equals(processing.enabled())) {
        throw new InvalidConfigurationException("recording.processing.enabled", "is true, but the " + backend.description()
            + " backend has no job queue for it");
      }
      LOG.info("processing is off: the backend has no job queue");
      return false;
    }
    return true;
  }

  private static Backend local(ServerSettings settings, LocalBackend local) {
    return new Backend("local, data " + settings.recording().dataDir(), local.repository(), local.storage(),
        local.ledger(), Optional.of(local.jobs(JOB_ATTEMPTS)), local.shares(), local.passcodeAttempts(),
        Optional.of(new BackendEvents(local.events(), local.webhookEndpoints())), local.speakerTimelines(), local::close);
  }

  private static Backend aws(ServerSettings settings, @Nullable AwsCredentialsProvider credentials) {
    AwsBackendSettings aws = settings.aws();
    AwsSettings awsSettings;
    try {
      awsSettings = new AwsSettings(aws.region(), aws.bucket(), aws.table(), aws.s3(), aws.dynamoDb(), aws.pathStyle(),
          aws.apiCallTimeout(), aws.jobQueue(), aws.sqs());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("recording.aws", e.getMessage());
    }
    AwsBackend backend = credentials == null ? AwsBackend.create(awsSettings)
        : AwsBackend.create(awsSettings, credentials);
    if (aws.bootstrap()) {
      try {
        backend.infrastructure().bootstrap(settings.retention().retention(), settings.corsOrigins(), JOB_ATTEMPTS)
            .forEach(step -> LOG.info("aws bootstrap: {}", step));
      } catch (RuntimeException e) {
        backend.close();
        throw e;
      }
    }
    Optional<JobQueue> jobs;
    try {
      jobs = backend.jobs(JOB_ATTEMPTS);
    } catch (RuntimeException e) {
      backend.close();
      throw new InvalidConfigurationException("recording.aws.queue", e.getMessage());
    }
    return new Backend("aws, bucket " + aws.bucket() + ", table " + aws.table()
        + aws.jobQueue().map(queue -> ", queue " + queue).orElse(""), backend.repository(), backend.storage(),
        backend.ledger(), jobs, backend.shares(), backend.passcodeAttempts(),
        jobs.map(queue -> new BackendEvents(backend.events(queue), backend.webhookEndpoints())),
        backend.speakerTimelines(), backend::close);
  }
}
