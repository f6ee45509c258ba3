package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chatvideo.recording.http.config.AuthMode;
import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.wiring.Composition;
import io.chatvideo.recording.wiring.Setting;
import io.chatvideo.recording.http.support.TempDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings are checked when the server starts, and a bad one stops it with one line naming it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationTest {

  private final TempDirectory data = new TempDirectory("recordings-config");

  @AfterAll
  void removeData() {
    data.close();
  }

  private String startFailure(Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(properties);
    all.put("recording.data-dir", data.path().toString());
    Throwable failure = catchThrowable(() -> ApplicationContext.run(all, Environment.TEST).close());
    assertThat(failure).as("start-up with %s", properties).isNotNull();
    return ServerLauncher.reason(failure);
  }

  @Test
  void defaultsAreTheEmbeddedBackendWithDevTokensAndTheDesignsDurations() {
    try (ApplicationContext context = ApplicationContext.run(Map.of("recording.data-dir", data.path().toString()),
        Environment.TEST)) {
      ServerSettings settings = context.getBean(ServerSettings.class);

      assertThat(settings.recording().backend()).isEqualTo(BackendKind.LOCAL);
      assertThat(settings.auth().mode()).isEqualTo(AuthMode.DEV);
      assertThat(settings.retention().retention()).isEqualTo(Duration.ofDays(30));
      assertThat(settings.presign().uploadTtl()).isEqualTo(Duration.ofMinutes(30));
      assertThat(settings.presign().downloadTtl()).isEqualTo(Duration.ofHours(1));
      assertThat(settings.sizes().maxSinglePutBytes()).isEqualTo(5L * 1024 * 1024 * 1024);
      assertThat(settings.wiring().processing().policy().maxDuration()).isEqualTo(Duration.ofHours(12));
      assertThat(context.getProperty("micronaut.server.host", String.class)).contains("127.0.0.1");
    }
  }

  @Test
  void nineDayUploadExpiryStopsStartUpWithOneLineNamingTheSetting() {
    String reason = startFailure(Map.of("recording.upload-url-expiry", "9d"));

    assertThat(reason).isEqualTo("invalid configuration: recording.upload-url-expiry (RECORDING_UPLOAD_URL_EXPIRY) "
        + "upload URL expiry of PT216H exceeds the 7-day limit of presigned URLs (PT168H)");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
      recording.download-url-expiry | 8d          | recording.download-url-expiry
      recording.retention           | 0s          | recording.retention
      recording.max-upload-size     | 6442450944  | recording.max-upload-size
      recording.max-upload-size     | 0           | recording.max-upload-size
      recording.sweep-interval      | 0s          | recording.sweep-interval
      recording.auth.clock-skew     | 1h          | recording.auth.clock-skew
      recording.processing.max-duration | 0s      | recording.processing.max-duration
      recording.processing.lease    | 1s          | recording.processing.lease
      recording.jobs.lease          | 1s          | recording.jobs.lease
      recording.jobs.retry-base     | 2h          | recording.jobs.retry-base
      recording.jobs.mail-retry-base | soon       | recording.jobs.mail-retry-base
      recording.webhook.retention   | 1h          | recording.webhook.retention
      recording.webhook.timeout     | banana      | recording.webhook.timeout
      recording.webhook.timeout     | 2m          | recording.webhook.timeout
      recording.webhook.retries     | 5x          | recording.webhook.retries
      recording.processing.timeout  | 0s          | recording.processing.timeout
      recording.processing.workers  | 65          | recording.processing.workers
      """)
  void outOfRangeValueStopsStartUpNamingTheSetting(String key, String value, String named) {
    String reason = startFailure(Map.of(key, value));

    assertThat(reason).startsWith("invalid configuration: " + named + " (").doesNotContain("\n");
  }

  @Test
  void unreadableDurationStopsStartUpNamingTheValue() {
    String reason = startFailure(Map.of("recording.retention", "a month"));

    assertThat(reason).contains("a month").doesNotContain("\n");
  }

  @ParameterizedTest(name = "missing {0}")
  @CsvSource(textBlock = """
      recording.auth.jwks-url
      recording.auth.issuer
      recording.auth.audience
      """)
  void jwtModeNeedsJwksIssuerAndAudience(String missing) {
    Map<String, Object> jwt = new HashMap<>(Map.of(
        "recording.auth.mode", "jwt",
        "recording.auth.jwks-url", "https://idp.example.test/jwks.json",
        "recording.auth.issuer", "https://idp.example.test",
        "recording.auth.audience", "recordings"));
    jwt.remove(missing);

    assertThat(startFailure(jwt)).startsWith("invalid configuration: " + missing + " (").contains("required");
  }

  @Test
  void devTokensAreRefusedWithTheAwsBackend() {
    String reason = startFailure(Map.of("recording.backend", "aws", "recording.aws.bucket", "b"));

    assertThat(reason).startsWith("invalid configuration: recording.auth.mode (RECORDING_AUTH_MODE)");
  }

  @Test
  void awsBackendNeedsABucket() {
    String reason = startFailure(Map.of("recording.backend", "aws", "recording.auth.allow-dev-with-aws", "true"));

    assertThat(reason).startsWith("invalid configuration: recording.aws.bucket (RECORDING_AWS_BUCKET)");
  }

  @Test
  void unknownBackendStopsStartUp() {
    String reason = startFailure(Map.of("recording.backend", "gcs"));

    assertThat(reason).contains("gcs").doesNotContain("\n");
  }

  @Test
  void devModeRefusesToListenOffLoopbackUnlessToldTo() {
    String reason = startFailure(Map.of("micronaut.server.host", "0.0.0.0"));
    assertThat(reason).startsWith("invalid configuration: micronaut.server.host (MICRONAUT_SERVER_HOST) is 0.0.0.0")
        .contains("recording.auth.allow-dev-off-loopback").doesNotContain("\n");

    try (ApplicationContext context = ApplicationContext.run(Map.of("recording.data-dir", data.path().toString(),
        "micronaut.server.host", "0.0.0.0", "recording.auth.allow-dev-off-loopback", "true",
        "recording.public-url", "http://192.0.2.10:8080"), Environment.TEST)) {
      assertThat(context.getBean(ServerSettings.class).devModeOffLoopback()).isTrue();
    }
  }

  @Test
  void offLoopbackThePublicUrlIsRequiredSoNoLinkIsBuiltFromARequestsHeaders() {
    String reason = startFailure(Map.of("micronaut.server.host", "0.0.0.0", "recording.auth.allow-dev-off-loopback",
        "true"));
    assertThat(reason).startsWith("invalid configuration: recording.public-url (RECORDING_PUBLIC_URL) is required when "
        + "the server listens off loopback (micronaut.server.host is 0.0.0.0)").doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      recording.trusted-proxies | 10.0.0.0/33          | '10.0.0.0/33' has a prefix length outside 0 to 32
      recording.trusted-proxies | proxy.example.com    | 'proxy.example.com' is not an IP address or a CIDR range
      recording.trusted-proxies | 2001:db8::/x         | '2001:db8::/x' has a prefix length outside 0 to 128
      recording.metrics-token   | short                | must be at least 32 printable characters
      """)
  void badProxyRangesAndMetricsTokensStopStartUp(String key, String value, String problem) {
    assertThat(startFailure(Map.of(key, value))).startsWith("invalid configuration: " + key + " ").contains(problem)
        .doesNotContain("\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      http://idp.example.test/jwks.json
      http://10.0.0.7/jwks.json
      ftp://idp.example.test/jwks.json
      https:///jwks.json
      """)
  void jwksMustBeHttpsExceptOnLoopback(String url) {
    Map<String, Object> jwt = Map.of("recording.auth.mode", "jwt", "recording.auth.jwks-url", url,
        "recording.auth.issuer", "https://idp.example.test", "recording.auth.audience", "recordings");

    assertThat(startFailure(jwt)).startsWith("invalid configuration: recording.auth.jwks-url (").contains("https");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /recordings                              | must be an absolute http or https URL
      ftp://recordings.example.com             | must be an absolute http or https URL
      https://user@recordings.example.com      | must not carry user info, a query or a fragment
      https://recordings.example.com/?a=1      | must not carry user info, a query or a fragment
      """)
  void aPublicUrlMustBeAnHttpBaseUrl(String url, String problem) {
    assertThat(startFailure(Map.of("recording.public-url", url)))
        .startsWith("invalid configuration: recording.public-url (RECORDING_PUBLIC_URL) " + problem)
        .endsWith("was " + url);
  }

  @Test
  void aWebDirectoryHoldingTheDataDirectoryStopsStartUp() {
    String reason = startFailure(Map.of("recording.web-dir", data.path().getParent().toString()));

    assertThat(reason).startsWith("invalid configuration: recording.web-dir (RECORDING_WEB_DIR) must not contain");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
      recording.limits.max-pending-uploads       | 0       | recording.limits.max-pending-uploads
      recording.limits.max-recording-bytes       | 0       | recording.limits.max-recording-bytes
      recording.limits.max-bytes-per-day         | 1000    | recording.limits.max-bytes-per-day
      recording.limits.upload-requests-per-minute | 0      | recording.limits.upload-requests-per-minute
      recording.limits.dev-tokens-per-minute     | many    | recording.limits.dev-tokens-per-minute
      recording.auth.jwks-outage-tolerance       | 0s      | recording.auth.jwks-outage-tolerance
      """)
  void limitsAreCheckedAtStartUp(String key, String value, String named) {
    assertThat(startFailure(Map.of(key, value))).startsWith("invalid configuration: " + named + " (")
        .doesNotContain("\n");
  }

  /**
   * Every key read through the one settings model, given a value of the wrong kind, stops start-up
   * naming the key and its variable (Micronaut's binding used to take such a value as unset).
   */
  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
      recording.limits.max-pending-uploads        | banana
      recording.limits.max-recording-bytes        | 20GB
      recording.limits.max-bytes-per-day          | lots
      recording.limits.max-upload-window          | a day
      recording.limits.upload-requests-per-minute | 1.5
      recording.limits.dev-tokens-per-minute      | 0
      recording.shares.default-expiry             | a week
      recording.shares.media-url-expiry           | 5 minutes
      recording.shares.passcode-guesses-per-minute | five
      recording.auth.mode                         | oauth
      recording.auth.dev-token-ttl                | forever
      recording.auth.allow-dev-with-aws           | yes
      recording.auth.allow-dev-off-loopback       | 1
      recording.auth.jwks-cache-ttl               | soon
      recording.upload-url-expiry                 | banana
      recording.download-url-expiry               | banana
      recording.max-upload-size                   | 5G
      recording.sweep-interval                    | hourly
      recording.public-url                        | banana
      recording.trusted-proxies                   | banana
      """)
  void aValueOfTheWrongKindStopsStartUpNamingTheKeyAndItsVariable(String key, String value) {
    assertThat(startFailure(Map.of(key, value))).startsWith("invalid configuration: " + key + " ("
        + Setting.environmentVariable(key) + ") ").contains(value).doesNotContain("\n");
  }

  @Test
  void limitsHaveDefaultsAndEnvironmentNames() {
    try (ApplicationContext context = ApplicationContext.run(Map.of("recording.data-dir", data.path().toString(),
        "recording.limits.max-pending-uploads", "3"), Environment.TEST)) {
      ServerSettings settings = context.getBean(ServerSettings.class);
      assertThat(settings.limits().maxPendingUploads()).isEqualTo(3);
      assertThat(settings.limits().maxBytesPerDay()).isEqualTo(100L * 1024 * 1024 * 1024);
      assertThat(settings.limitSettings().uploadRequestsPerMinute()).isEqualTo(60);
    }
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
      recording.mail.transport   | pigeon      | recording.mail.transport (RECORDING_MAIL_TRANSPORT) 'pigeon' is not off, smtp or ses
      recording.mail.from        | Recordings  | recording.mail.from (RECORDING_MAIL_FROM) must be an address
      recording.mail.smtp.port   | 70000       | recording.mail.smtp.port (RECORDING_MAIL_SMTP_PORT) must be a port
      recording.mail.smtp.port   | banana      | recording.mail.smtp.port (RECORDING_MAIL_SMTP_PORT) 'banana' is not a whole number
      recording.mail.timeout     | 5 minutes   | recording.mail.timeout (RECORDING_MAIL_TIMEOUT) '5 minutes' is not a duration
      recording.mail.smtp.host   | ''          | recording.mail.smtp.host (RECORDING_MAIL_SMTP_HOST) is required
      recording.public-url       | ''          | recording.public-url (RECORDING_PUBLIC_URL) is required with recording.mail.transport=smtp
      """)
  void aBadMailSettingStopsStartUpNamingIt(String key, String value, String expected) {
    Map<String, Object> mail = new HashMap<>(Map.of("recording.mail.transport", "smtp",
        "recording.mail.from", "recordings@example.com", "recording.mail.smtp.host", "127.0.0.1",
        "recording.public-url", "http://127.0.0.1:8080"));
    if (value.isEmpty()) {
      mail.remove(key);
    } else {
      mail.put(key, value);
    }
    assertThat(startFailure(mail)).startsWith("invalid configuration: " + expected).doesNotContain("\n");
  }

  @Test
  void mailIsOffByDefaultAndWiredWhenOn() {
    try (ApplicationContext context = ApplicationContext.run(Map.of("recording.data-dir", data.path().toString()),
        Environment.TEST)) {
      assertThat(context.getBean(ServerSettings.class).mail().enabled()).isFalse();
      assertThat(context.getBean(Composition.class).describe()).endsWith("; mail off");
    }
    try (ApplicationContext context = ApplicationContext.run(Map.of("recording.data-dir", data.path().toString(),
        "recording.mail.transport", "smtp", "recording.mail.from", "recordings@example.com",
        "recording.mail.smtp.host", "127.0.0.1", "recording.public-url", "http://127.0.0.1:8080"), Environment.TEST)) {
      assertThat(context.getBean(Composition.class).describe()).endsWith("; mail smtp");
    }
  }

  @Test
  void mailOnTheAwsBackendNeedsTheQueueItsEventsArePublishedOn() {
    String reason = startFailure(Map.of("recording.backend", "aws", "recording.aws.bucket", "bucket-b",
        "recording.auth.allow-dev-with-aws", "true", "recording.aws.region", "eu-west-1",
        "recording.mail.transport", "ses", "recording.mail.from", "recordings@example.com",
        "recording.public-url", "https://rec.example.com"));

    assertThat(reason).startsWith("invalid configuration: recording.mail.transport (RECORDING_MAIL_TRANSPORT) needs "
        + "a job queue to send on: set recording.aws.queue");
  }
}
