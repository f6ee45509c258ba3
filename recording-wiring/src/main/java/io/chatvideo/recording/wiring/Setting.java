package io.chatvideo.recording.wiring;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code recording.*} key the server, the worker or the admin commands read, declared once: its name, what it takes, its
 * default (empty: none), and so its environment variable. {@link #ALL} is the list the README's
 * settings table is checked against.
 */
public record Setting(String key, String environmentVariable, String takes, Optional<String> defaultValue) {

  public static final Setting BACKEND = of("recording.backend", "local or aws", "local");
  /** Named as it was before the other settings, {@code RECORDINGS_DATA_DIR}. */
  public static final Setting DATA_DIR = new Setting("recording.data-dir", "RECORDINGS_DATA_DIR", "a directory",
      Optional.of("./data"));
  public static final Setting RETENTION = of("recording.retention", "a duration, 1 day or more", "30d");
  public static final Setting AWS_REGION = of("recording.aws.region", "an AWS region", "us-east-1");
  public static final Setting AWS_BUCKET = none("recording.aws.bucket", "an S3 bucket name; required with aws");
  public static final Setting AWS_TABLE = of("recording.aws.table", "a DynamoDB table name", "recordings");
  public static final Setting AWS_S3_ENDPOINT = none("recording.aws.s3-endpoint", "a URL");
  public static final Setting AWS_DYNAMODB_ENDPOINT = none("recording.aws.dynamodb-endpoint", "a URL");
  public static final Setting AWS_PATH_STYLE = of("recording.aws.path-style", "true or false", "false");
  public static final Setting AWS_API_CALL_TIMEOUT = of("recording.aws.api-call-timeout", "a positive duration", "10s");
  public static final Setting AWS_BOOTSTRAP = of("recording.aws.bootstrap", "true or false", "false");
  public static final Setting AWS_QUEUE = none("recording.aws.queue", "an SQS queue name");
  public static final Setting AWS_SQS_ENDPOINT = none("recording.aws.sqs-endpoint", "a URL");
  public static final Setting PROCESSING_ENABLED = none("recording.processing.enabled",
      "true or false; unset: on when ffmpeg is found");
  public static final Setting PROCESSING_WORKERS = of("recording.processing.workers", "a whole number, 0 to 64", "1");
  public static final Setting PROCESSING_MP4 = of("recording.processing.mp4", "true or false", "true");
  public static final Setting PROCESSING_TIMEOUT = of("recording.processing.timeout", "a positive duration", "2m");
  public static final Setting PROCESSING_FFMPEG = of("recording.processing.ffmpeg", "a program path or name", "ffmpeg");
  /** The job lease's former name, read when {@link #JOBS_LEASE} is not set; see {@link #FORMER_NAMES}. */
  public static final Setting PROCESSING_LEASE = none("recording.processing.lease", "deprecated: recording.jobs.lease");
  public static final Setting PROCESSING_MAX_DURATION = of("recording.processing.max-duration",
      "a duration, 1s or more", "12h");
  public static final Setting JOBS_LEASE = of("recording.jobs.lease", "a duration, 5s to 12h", "1m");
  public static final Setting JOBS_RETRY_BASE = of("recording.jobs.retry-base", "a duration, 0 to 1h", "30s");
  public static final Setting JOBS_MAIL_RETRY_BASE = of("recording.jobs.mail-retry-base", "a duration, 0 to 1h", "1m");
  public static final Setting TRANSCRIPTS_ENGINE = none("recording.transcripts.engine",
      "embedded, openai or off; unset: embedded when ffmpeg has the asr filter, else off");
  public static final Setting TRANSCRIPTS_LANGUAGE = of("recording.transcripts.language", "a language tag", "en-US");
  public static final Setting WEBHOOK_URL = none("recording.webhook.url", "an http(s) URL");
  public static final Setting WEBHOOK_SECRET = none("recording.webhook.secret", "whsec_ and base64; required with the URL");
  public static final Setting WEBHOOK_ALLOW_LOOPBACK = of("recording.webhook.allow-loopback", "true or false", "false");
  public static final Setting WEBHOOK_TIMEOUT = of("recording.webhook.timeout", "a duration, over 0 to 1m", "15s");
  public static final Setting WEBHOOK_RETRIES = of("recording.webhook.retries", "durations, comma-separated",
      "5s,5m,30m,2h,5h,10h,1d,1d");
  public static final Setting WEBHOOK_RETENTION = of("recording.webhook.retention", "a duration, 1 day or more", "30d");
  public static final Setting UPLOAD_URL_EXPIRY = of("recording.upload-url-expiry", "a duration, at most 7 days", "30m");
  public static final Setting DOWNLOAD_URL_EXPIRY = of("recording.download-url-expiry", "a duration, at most 7 days",
      "1h");
  public static final Setting MAX_UPLOAD_SIZE = of("recording.max-upload-size", "bytes, at most 5 GiB", "5368709120");
  public static final Setting SWEEP_INTERVAL = of("recording.sweep-interval", "a positive duration", "10m");
  public static final Setting PUBLIC_URL = none("recording.public-url", "an http(s) base URL");
  public static final Setting TRUSTED_PROXIES = none("recording.trusted-proxies", "IPs or CIDRs, comma-separated");
  public static final Setting METRICS_TOKEN = none("recording.metrics-token", "at least 32 printable characters");
  public static final Setting WEB_DIR = of("recording.web-dir", "a directory", "web-client/dist");
  public static final Setting CORS_ORIGINS = of("recording.cors.origins", "origins, comma-separated",
      "http://localhost:5173,http://127.0.0.1:5173");
  public static final Setting AUTH_MODE = of("recording.auth.mode", "dev or jwt", "dev");
  public static final Setting AUTH_JWKS_URL = none("recording.auth.jwks-url", "an https URL; required with jwt");
  public static final Setting AUTH_ISSUER = none("recording.auth.issuer", "the iss; required with jwt");
  public static final Setting AUTH_AUDIENCE = none("recording.auth.audience", "an aud; required with jwt");
  public static final Setting AUTH_CLOCK_SKEW = of("recording.auth.clock-skew", "a duration, 0 to 5m", "30s");
  public static final Setting AUTH_DEV_TOKEN_TTL = of("recording.auth.dev-token-ttl", "a positive duration", "12h");
  public static final Setting AUTH_ALLOW_DEV_WITH_AWS = of("recording.auth.allow-dev-with-aws", "true or false",
      "false");
  public static final Setting AUTH_ALLOW_DEV_OFF_LOOPBACK = of("recording.auth.allow-dev-off-loopback",
      "true or false", "false");
  public static final Setting AUTH_EMAIL_CLAIM = of("recording.auth.email-claim", "a claim name", "email");
  public static final Setting AUTH_EMAIL_VERIFIED_CLAIM = of("recording.auth.email-verified-claim", "a claim name",
      "email_verified");
  public static final Setting AUTH_USER_CLAIM = none("recording.auth.user-claim", "a claim name");
  public static final Setting AUTH_JWKS_CACHE_TTL = of("recording.auth.jwks-cache-ttl", "a positive duration", "5m");
  public static final Setting AUTH_JWKS_OUTAGE_TOLERANCE = of("recording.auth.jwks-outage-tolerance",
      "a positive duration", "24h");
  public static final Setting LIMITS_MAX_PENDING_UPLOADS = of("recording.limits.max-pending-uploads",
      "a whole number, 1 or more", "20");
  public static final Setting LIMITS_MAX_RECORDING_BYTES = of("recording.limits.max-recording-bytes", "bytes",
      "21474836480");
  public static final Setting LIMITS_MAX_BYTES_PER_DAY = of("recording.limits.max-bytes-per-day", "bytes",
      "107374182400");
  public static final Setting LIMITS_MAX_UPLOAD_WINDOW = of("recording.limits.max-upload-window",
      "a duration, at most 7 days", "24h");
  public static final Setting LIMITS_UPLOAD_REQUESTS_PER_MINUTE = of("recording.limits.upload-requests-per-minute",
      "a whole number, 1 or more", "60");
  public static final Setting LIMITS_DEV_TOKENS_PER_MINUTE = of("recording.limits.dev-tokens-per-minute",
      "a whole number, 1 or more", "60");
  public static final Setting SHARES_DEFAULT_EXPIRY = of("recording.shares.default-expiry", "a positive duration",
      "7d");
  public static final Setting SHARES_MEDIA_URL_EXPIRY = of("recording.shares.media-url-expiry",
      "a duration, at most 7 days", "5m");
  public static final Setting SHARES_PASSCODE_GUESSES_PER_MINUTE = of(
      "recording.shares.passcode-guesses-per-minute", "a whole number, 1 or more", "5");
  public static final Setting TRANSCRIPTS_OPENAI_URL = none("recording.transcripts.openai.url",
      "an http(s) base URL; required with the openai engine");
  /** A secret: never logged, never in a description. */
  public static final Setting TRANSCRIPTS_OPENAI_KEY = none("recording.transcripts.openai.key",
      "the server's API key, sent as a bearer token");
  public static final Setting TRANSCRIPTS_OPENAI_MODEL = of("recording.transcripts.openai.model", "a model name",
      "whisper-1");
  public static final Setting TRANSCRIPTS_OPENAI_TIMEOUT = of("recording.transcripts.openai.timeout",
      "a duration, over 0 to 1h", "5m");
  public static final Setting TRANSCRIPTS_OPENAI_ALLOW_LOOPBACK = of("recording.transcripts.openai.allow-loopback",
      "true or false", "false");

  public static final Setting MAIL_TRANSPORT = of("recording.mail.transport", "off, smtp or ses", "off");
  public static final Setting MAIL_FROM = none("recording.mail.from", "an email address; required with mail on");
  public static final Setting MAIL_TIMEOUT = of("recording.mail.timeout", "a duration, 1s to 2m", "10s");
  public static final Setting MAIL_SMTP_HOST = none("recording.mail.smtp.host", "a host name or address; required with smtp");
  public static final Setting MAIL_SMTP_PORT = of("recording.mail.smtp.port", "a port, 1 to 65535", "587");
  public static final Setting MAIL_SMTP_USERNAME = none("recording.mail.smtp.username", "a user name; with the password");
  /** A secret: never logged, never in a description. */
  public static final Setting MAIL_SMTP_PASSWORD = none("recording.mail.smtp.password", "a password; with the username");
  public static final Setting MAIL_SMTP_STARTTLS = of("recording.mail.smtp.starttls", "true or false", "true");
  public static final Setting MAIL_SES_REGION = none("recording.mail.ses.region",
      "an AWS region; unset: recording.aws.region when given");
  public static final Setting MAIL_SES_ENDPOINT = none("recording.mail.ses.endpoint", "a URL; unset: AWS's");

  public static final List<Setting> ALL = List.of(BACKEND, DATA_DIR, RETENTION, AWS_REGION, AWS_BUCKET, AWS_TABLE,
      AWS_S3_ENDPOINT, AWS_DYNAMODB_ENDPOINT, AWS_PATH_STYLE, AWS_API_CALL_TIMEOUT, AWS_BOOTSTRAP, AWS_QUEUE,
      AWS_SQS_ENDPOINT, PROCESSING_ENABLED, PROCESSING_WORKERS, PROCESSING_MP4, PROCESSING_TIMEOUT, PROCESSING_FFMPEG,
      PROCESSING_LEASE, PROCESSING_MAX_DURATION, TRANSCRIPTS_ENGINE, TRANSCRIPTS_LANGUAGE, JOBS_LEASE, JOBS_RETRY_BASE, JOBS_MAIL_RETRY_BASE, WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_ALLOW_LOOPBACK, WEBHOOK_TIMEOUT,
      WEBHOOK_RETRIES, WEBHOOK_RETENTION,
      UPLOAD_URL_EXPIRY, DOWNLOAD_URL_EXPIRY, MAX_UPLOAD_SIZE, SWEEP_INTERVAL, PUBLIC_URL, TRUSTED_PROXIES,
      METRICS_TOKEN, WEB_DIR, CORS_ORIGINS, AUTH_MODE, AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_CLOCK_SKEW,
      AUTH_DEV_TOKEN_TTL, AUTH_ALLOW_DEV_WITH_AWS, AUTH_ALLOW_DEV_OFF_LOOPBACK, AUTH_EMAIL_CLAIM,
      AUTH_EMAIL_VERIFIED_CLAIM, AUTH_USER_CLAIM, AUTH_JWKS_CACHE_TTL, AUTH_JWKS_OUTAGE_TOLERANCE,
      LIMITS_MAX_PENDING_UPLOADS, LIMITS_MAX_RECORDING_BYTES, LIMITS_MAX_BYTES_PER_DAY, LIMITS_MAX_UPLOAD_WINDOW,
      LIMITS_UPLOAD_REQUESTS_PER_MINUTE, LIMITS_DEV_TOKENS_PER_MINUTE, SHARES_DEFAULT_EXPIRY, SHARES_MEDIA_URL_EXPIRY,
      SHARES_PASSCODE_GUESSES_PER_MINUTE, TRANSCRIPTS_OPENAI_URL, TRANSCRIPTS_OPENAI_KEY, TRANSCRIPTS_OPENAI_MODEL,
      TRANSCRIPTS_OPENAI_TIMEOUT, TRANSCRIPTS_OPENAI_ALLOW_LOOPBACK, MAIL_TRANSPORT, MAIL_FROM, MAIL_TIMEOUT,
      MAIL_SMTP_HOST, MAIL_SMTP_PORT, MAIL_SMTP_USERNAME, MAIL_SMTP_PASSWORD, MAIL_SMTP_STARTTLS, MAIL_SES_REGION,
      MAIL_SES_ENDPOINT);

  /**
   * Settings renamed, by their former name: the former is still read when the new one is not set,
   * and {@link #deprecations} says so at start-up.
   */
  public static final Map<Setting, Setting> FORMER_NAMES = Map.of(PROCESSING_LEASE, JOBS_LEASE);

  /** One line for each former name {@code source} sets: what to set instead. */
  public static List<String> deprecations(SettingsSource source) {
    return FORMER_NAMES.entrySet().stream().filter(former -> source.value(former.getKey().key()).isPresent())
        .map(former -> former.getKey().key() + " (" + former.getKey().environmentVariable() + ") is deprecated: set "
            + former.getValue().key() + " (" + former.getValue().environmentVariable() + ")"
            + (source.value(former.getValue().key()).isPresent() ? ", which is set and wins" : " instead"))
        .sorted().toList();
  }

  /** The variable {@code key} is read from outside Micronaut: declared, else as Micronaut maps it. */
  public static String environmentVariable(String key) {
    return ALL.stream().filter(setting -> setting.key.equals(key)).findFirst().map(Setting::environmentVariable)
        .orElseGet(() -> SettingsSource.environmentVariable(key));
  }

  private static Setting of(String key, String takes, String defaultValue) {
    return new Setting(key, SettingsSource.environmentVariable(key), takes, Optional.of(defaultValue));
  }

  private static Setting none(String key, String takes) {
    return new Setting(key, SettingsSource.environmentVariable(key), takes, Optional.empty());
  }
}
