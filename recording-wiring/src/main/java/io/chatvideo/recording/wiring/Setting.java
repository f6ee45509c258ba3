package io.chatvideo.recording.wiring;

import java.util.List;
import java.util.Optional;

/**
 * One {@code recording.*} key the composition reads, declared once: its name, what it takes, its
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
  public static final Setting PROCESSING_LEASE = of("recording.processing.lease", "a duration, 5s to 12h", "1m");
  public static final Setting PROCESSING_MAX_DURATION = of("recording.processing.max-duration",
      "a duration, 1s or more", "12h");
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

  public static final List<Setting> ALL = List.of(BACKEND, DATA_DIR, RETENTION, AWS_REGION, AWS_BUCKET, AWS_TABLE,
      AWS_S3_ENDPOINT, AWS_DYNAMODB_ENDPOINT, AWS_PATH_STYLE, AWS_API_CALL_TIMEOUT, AWS_BOOTSTRAP, AWS_QUEUE,
      AWS_SQS_ENDPOINT, PROCESSING_ENABLED, PROCESSING_WORKERS, PROCESSING_MP4, PROCESSING_TIMEOUT, PROCESSING_FFMPEG,
      PROCESSING_LEASE, PROCESSING_MAX_DURATION, TRANSCRIPTS_ENGINE, TRANSCRIPTS_LANGUAGE, WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_ALLOW_LOOPBACK, WEBHOOK_TIMEOUT,
      WEBHOOK_RETRIES, WEBHOOK_RETENTION);

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
