package io.chatvideo.recording.wiring;

import static io.chatvideo.recording.wiring.SettingReader.checked;
import static io.chatvideo.recording.wiring.SettingReader.positive;

import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.JobPolicy;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.WebhookRetrySchedule;
import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.mail.MailSettings;
import io.chatvideo.recording.mail.MailTransport;
import io.chatvideo.recording.mail.SmtpSettings;
import io.chatvideo.recording.openai.OpenAiSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one validated settings object the {@link Composition} is built from: the store, the job
 * runtime, processing, webhooks and mail, as the {@code recording.*} keys of {@link Setting} say.
 * The server reads it from its properties, the worker and the admin commands from the same
 * environment variables ({@link SettingsSource}), so both wire the same policies.
 *
 * @param dataDir the local store's directory; also where jobs keep their files while they run
 * @param aws the AWS store, when {@code recording.backend=aws}
 * @param retention how long recordings are kept
 * @param jobs how the job runtime leases and retries every job (processing, webhooks, mail)
 * @param processing what processing runs with, when it runs here
 * @param transcripts which engine transcribes ready recordings, in which language
 * @param webhooks how events are delivered
 * @param mail how owners are emailed
 * @param openai the {@code openai} transcription server, when {@code recording.transcripts.openai.url} is set
 */
public record WiringSettings(Path dataDir, Optional<AwsStore> aws, RetentionPolicy retention, JobPolicy jobs,
    Processing processing, Transcripts transcripts, Webhooks webhooks, MailSettings mail,
    Optional<OpenAiSettings> openai) {

  /** How many times a queue runs a job before it lists it as dead (SQS: the receives of its redrive policy). */
  public static final int JOB_ATTEMPTS = io.chatvideo.recording.aws.AwsBackend.DEFAULT_JOB_ATTEMPTS;

  public WiringSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(aws, "aws");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(processing, "processing");
    Objects.requireNonNull(transcripts, "transcripts");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(mail, "mail");
    Objects.requireNonNull(openai, "openai");
  }

  /** The AWS store's clients' settings, and whether start-up creates what is missing ({@code recording.aws.bootstrap}). */
  public record AwsStore(AwsSettings settings, boolean bootstrap) {

    public String bucket() {
      return settings.bucket();
    }

    public String table() {
      return settings.table();
    }

    /** The S3-compatible endpoint, when not AWS's own. */
    public Optional<URI> s3Endpoint() {
      return settings.s3Endpoint();
    }
  }

  /**
   * @param enabled on, off, or unset: on when ffmpeg is found
   * @param workers jobs a server runs at once; 0: it only queues them, for {@code recordings worker}
   * @param ffmpeg the ffmpeg program; ffprobe is beside it
   * @param timeout the base time limit of one ffmpeg step
   * @param policy what processing makes (MP4 or not, the longest recording processed)
   */
  public record Processing(Optional<Boolean> enabled, int workers, Path ffmpeg, Duration timeout,
      ProcessingPolicy policy) {}

  /** A transcription engine by its settings name. */
  public enum TranscriptEngine { EMBEDDED, OPENAI, OFF }

  /**
   * @param engine the engine, or unset: {@code embedded} when ffmpeg has the {@code asr} filter, else off
   * @param language what the calls are spoken in
   */
  public record Transcripts(Optional<TranscriptEngine> engine, Locale language) {}

  /**
   * @param url the endpoint every event goes to, besides the registered ones
   * @param secret its signing secret; required with {@code url}
   * @param allowLoopback let endpoints be plain http on loopback (tests, local development)
   * @param timeout how long one delivery attempt may take
   * @param retries the waits before each retry of a failed delivery
   * @param retention how long events and their delivery log are kept
   */
  public record Webhooks(Optional<String> url, Optional<String> secret, boolean allowLoopback, Duration timeout,
      WebhookRetrySchedule retries, Duration retention) {}

  /** The settings {@code source} gives, defaults for the rest; a {@link SettingException} names the first bad one. */
  public static WiringSettings read(SettingsSource source) {
    SettingReader read = new SettingReader(source);
    boolean awsBackend = awsBackend(source);
    Path dataDir = read.path(Setting.DATA_DIR);
    Duration retentionTime = read.duration(Setting.RETENTION);
    RetentionPolicy retention = checked(Setting.RETENTION, () -> new RetentionPolicy(retentionTime));
    Optional<AwsStore> aws = awsBackend ? Optional.of(aws(read)) : Optional.empty();
    return new WiringSettings(dataDir, aws, retention, jobs(read), processing(read), transcripts(read), webhooks(read),
        mail(read), openai(read));
  }

  /** The job runtime's lease, and each kind's backoff, as {@code recording.jobs.*} say. */
  private static JobPolicy jobs(SettingReader read) {
    Duration lease = read.duration(Setting.JOBS_LEASE);
    Duration retryBase = read.duration(Setting.JOBS_RETRY_BASE);
    Duration mailRetryBase = read.duration(Setting.JOBS_MAIL_RETRY_BASE);
    checked(read.givenAs(Setting.JOBS_LEASE), () -> new JobPolicy(lease, JobPolicy.DEFAULT_RETRY_BASE,
        JobPolicy.DEFAULT_MAIL_RETRY_BASE));
    checked(Setting.JOBS_RETRY_BASE, () -> new JobPolicy(lease, retryBase, JobPolicy.DEFAULT_MAIL_RETRY_BASE));
    return checked(Setting.JOBS_MAIL_RETRY_BASE, () -> new JobPolicy(lease, retryBase, mailRetryBase));
  }

  /** Whether {@code recording.backend} is {@code aws} (else {@code local}); the one place it is parsed. */
  public static boolean awsBackend(SettingsSource source) {
    String backend = new SettingReader(source).text(Setting.BACKEND).orElseThrow().toLowerCase(Locale.ROOT);
    if (!backend.equals("local") && !backend.equals("aws")) {
      throw new SettingException(Setting.BACKEND.key(), "'" + backend + "' is not a backend: local or aws");
    }
    return backend.equals("aws");
  }

  private static Transcripts transcripts(SettingReader read) {
    Optional<TranscriptEngine> engine = read.text(Setting.TRANSCRIPTS_ENGINE).map(String::strip)
        .filter(text -> !text.isEmpty()).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
          case "embedded" -> TranscriptEngine.EMBEDDED;
          case "openai" -> TranscriptEngine.OPENAI;
          case "off" -> TranscriptEngine.OFF;
          default -> throw new SettingException(Setting.TRANSCRIPTS_ENGINE.key(), "'" + text
              + "' is not an engine: embedded, openai or off");
        });
    String tag = read.text(Setting.TRANSCRIPTS_LANGUAGE).orElseThrow().strip();
    Locale language = Locale.forLanguageTag(tag);
    if (language.getLanguage().isEmpty()) {
      throw new SettingException(Setting.TRANSCRIPTS_LANGUAGE.key(), "'" + tag
          + "' is not a language tag (en-US, de, pt-BR)");
    }
    return new Transcripts(engine, language);
  }

  private static AwsStore aws(SettingReader read) {
    String bucket = read.required(Setting.AWS_BUCKET, "is required with the aws backend");
    Duration timeout = read.duration(Setting.AWS_API_CALL_TIMEOUT);
    positive(Setting.AWS_API_CALL_TIMEOUT, timeout);
    AwsSettings settings = checked("recording.aws", () -> new AwsSettings(read.text(Setting.AWS_REGION).orElseThrow(),
        bucket, read.text(Setting.AWS_TABLE).orElseThrow(), read.url(Setting.AWS_S3_ENDPOINT),
        read.url(Setting.AWS_DYNAMODB_ENDPOINT), read.bool(Setting.AWS_PATH_STYLE), timeout));
    Optional<String> queue = read.text(Setting.AWS_QUEUE);
    if (queue.isPresent()) {
      AwsSettings withoutQueue = settings;
      settings = checked(Setting.AWS_QUEUE, () -> withoutQueue.withQueue(queue.get(), read.url(Setting.AWS_SQS_ENDPOINT)));
    }
    return new AwsStore(settings, read.bool(Setting.AWS_BOOTSTRAP));
  }

  private static Processing processing(SettingReader read) {
    int workers = read.integer(Setting.PROCESSING_WORKERS, 0, 64);
    Duration timeout = read.duration(Setting.PROCESSING_TIMEOUT);
    positive(Setting.PROCESSING_TIMEOUT, timeout);
    Duration maxDuration = read.duration(Setting.PROCESSING_MAX_DURATION);
    if (maxDuration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new SettingException(Setting.PROCESSING_MAX_DURATION.key(), "must be at least 1 second, was "
          + maxDuration);
    }
    String ffmpeg = read.text(Setting.PROCESSING_FFMPEG).orElse("");
    if (ffmpeg.isBlank()) {
      throw new SettingException(Setting.PROCESSING_FFMPEG.key(), "must name the ffmpeg program");
    }
    boolean mp4 = read.bool(Setting.PROCESSING_MP4);
    ProcessingPolicy policy = new ProcessingPolicy(true, mp4, ProcessingPolicy.DEFAULT_THUMBNAIL_WIDTH,
        ProcessingPolicy.DEFAULT_ATTEMPT_LIMIT, ProcessingPolicy.DEFAULT_REQUEUE_AFTER, maxDuration);
    return new Processing(read.optionalBoolean(Setting.PROCESSING_ENABLED), workers,
        read.path(Setting.PROCESSING_FFMPEG), timeout, policy);
  }

  private static Webhooks webhooks(SettingReader read) {
    Duration timeout = read.duration(Setting.WEBHOOK_TIMEOUT);
    checked(Setting.WEBHOOK_TIMEOUT, () -> new io.chatvideo.recording.webhook.WebhookSettings(timeout, false,
        io.chatvideo.recording.webhook.WebhookSettings.DEFAULT_MAX_RESPONSE_BYTES));
    WebhookRetrySchedule retries = checked(Setting.WEBHOOK_RETRIES,
        () -> new WebhookRetrySchedule(read.durations(Setting.WEBHOOK_RETRIES)));
    Duration retention = read.duration(Setting.WEBHOOK_RETENTION);
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new SettingException(Setting.WEBHOOK_RETENTION.key(), "events are kept at least 1 day, not " + retention);
    }
    return new Webhooks(read.text(Setting.WEBHOOK_URL), read.text(Setting.WEBHOOK_SECRET),
        read.bool(Setting.WEBHOOK_ALLOW_LOOPBACK), timeout, retries, retention);
  }

  private static Optional<OpenAiSettings> openai(SettingReader read) {
    Optional<String> url = read.text(Setting.TRANSCRIPTS_OPENAI_URL);
    if (url.isEmpty()) {
      return Optional.empty();
    }
    Duration timeout = read.duration(Setting.TRANSCRIPTS_OPENAI_TIMEOUT);
    String model = read.text(Setting.TRANSCRIPTS_OPENAI_MODEL).orElseThrow();
    boolean loopback = read.bool(Setting.TRANSCRIPTS_OPENAI_ALLOW_LOOPBACK);
    // Each refusal says what is wrong (the key's never shows the key); the URL's names its setting.
    return Optional.of(checked("recording.transcripts.openai", () -> {
      try {
        return OpenAiSettings.of(url.get(), read.text(Setting.TRANSCRIPTS_OPENAI_KEY), model, timeout, loopback);
      } catch (InvalidInputException e) {
        throw new SettingException(Setting.TRANSCRIPTS_OPENAI_URL.key(), e.reason());
      }
    }));
  }

  /** The {@code recording.mail.*} keys; with the transport off, the others are not looked at. */
  private static MailSettings mail(SettingReader read) {
    MailTransport transport = read.choice(Setting.MAIL_TRANSPORT, MailTransport.class);
    if (transport == MailTransport.OFF) {
      return MailSettings.off();
    }
    String with = " with " + Setting.MAIL_TRANSPORT.key() + "=" + transport.name().toLowerCase(Locale.ROOT);
    String fromText = read.required(Setting.MAIL_FROM, "is required" + with);
    EmailAddress from;
    try {
      from = new EmailAddress(fromText);
    } catch (InvalidInputException e) {
      throw new SettingException(Setting.MAIL_FROM.key(), "must be an address like recordings@example.com, was '"
          + fromText + "'");
    }
    String publicUrlText = read.required(Setting.PUBLIC_URL, "is required" + with + ": the email links to the web client");
    HttpUrl publicUrl = checked(Setting.PUBLIC_URL, () -> HttpUrl.publicBase(publicUrlText));
    Duration timeout = read.duration(Setting.MAIL_TIMEOUT);
    checked(Setting.MAIL_TIMEOUT, () -> MailSettings.timeout(timeout));
    if (transport == MailTransport.SMTP) {
      return MailSettings.smtp(from, publicUrl, smtp(read, with), timeout);
    }
    String regionKey = read.given(Setting.MAIL_SES_REGION).isPresent() ? Setting.MAIL_SES_REGION.key()
        : Setting.AWS_REGION.key();
    String region = read.given(Setting.MAIL_SES_REGION).or(() -> read.given(Setting.AWS_REGION)).orElseThrow(
        () -> new SettingException(Setting.MAIL_SES_REGION.key(), "is required" + with + " (or "
            + Setting.AWS_REGION.key() + ")"));
    checked(regionKey, () -> {
      AwsSettings.checkRegion(region);
      return region;
    });
    return MailSettings.ses(from, publicUrl, region, read.url(Setting.MAIL_SES_ENDPOINT), timeout);
  }

  private static SmtpSettings smtp(SettingReader read, String with) {
    String hostText = read.required(Setting.MAIL_SMTP_HOST, "is required" + with);
    String host = checked(Setting.MAIL_SMTP_HOST, () -> SmtpSettings.host(hostText));
    long portNumber = read.whole(Setting.MAIL_SMTP_PORT);
    int port = checked(Setting.MAIL_SMTP_PORT, () -> SmtpSettings.port(portNumber));
    Optional<String> username = read.text(Setting.MAIL_SMTP_USERNAME);
    Optional<String> password = read.text(Setting.MAIL_SMTP_PASSWORD);
    if (username.isPresent() != password.isPresent()) {
      Setting given = username.isPresent() ? Setting.MAIL_SMTP_USERNAME : Setting.MAIL_SMTP_PASSWORD;
      Setting missing = username.isPresent() ? Setting.MAIL_SMTP_PASSWORD : Setting.MAIL_SMTP_USERNAME;
      throw new SettingException(missing.key(), "is required with " + given.key() + ": give both to log in, or neither");
    }
    boolean starttls = read.bool(Setting.MAIL_SMTP_STARTTLS);
    return new SmtpSettings(host, port, username, password, starttls);
  }
}
