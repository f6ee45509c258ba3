package io.chatvideo.recording.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatvideo.recording.core.domain.JobKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WiringSettingsTest {

  @Test
  void noSettingGivesTheDocumentedDefaults() {
    WiringSettings settings = WiringSettings.read(SettingsSource.of(Map.of()));

    assertThat(settings.aws()).isEmpty();
    assertThat(settings.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(settings.retention().retention()).isEqualTo(Duration.ofDays(30));
    assertThat(settings.jobs().lease()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.webhooks().timeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.webhooks().retries().delays()).hasSize(8).last().isEqualTo(Duration.ofDays(1));
    assertThat(settings.processing().policy().maxDuration()).isEqualTo(Duration.ofHours(12));
    assertThat(settings.mail().enabled()).isFalse();
  }

  @Test
  void environmentVariablesAreReadByTheirDeclaredNamesInTheOneDurationGrammar() {
    WiringSettings settings = WiringSettings.read(SettingsSource.environment(Map.of(
        "RECORDINGS_DATA_DIR", "/srv/recordings",
        "RECORDING_RETENTION", "7d",
        "RECORDING_WEBHOOK_TIMEOUT", "2500ms",
        "RECORDING_WEBHOOK_RETRIES", "5s, 1h, 2d",
        "RECORDING_WEBHOOK_RETENTION", "P10D",
        "RECORDING_PROCESSING_LEASE", "90s")));

    assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/recordings"));
    assertThat(settings.retention().retention()).isEqualTo(Duration.ofDays(7));
    assertThat(settings.webhooks().timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(settings.webhooks().retries().delays()).containsExactly(Duration.ofSeconds(5), Duration.ofHours(1),
        Duration.ofDays(2));
    assertThat(settings.webhooks().retention()).isEqualTo(Duration.ofDays(10));
    assertThat(settings.jobs().lease()).isEqualTo(Duration.ofSeconds(90));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
      RECORDING_WEBHOOK_TIMEOUT        | banana | recording.webhook.timeout (RECORDING_WEBHOOK_TIMEOUT) 'banana' is not a duration
      RECORDING_WEBHOOK_TIMEOUT        | 2m     | recording.webhook.timeout (RECORDING_WEBHOOK_TIMEOUT) a webhook timeout is more than 0 and at most 1 minute
      RECORDING_WEBHOOK_RETRIES        | 5x     | recording.webhook.retries (RECORDING_WEBHOOK_RETRIES) '5x' is not a comma-separated list of durations
      RECORDING_AWS_API_CALL_TIMEOUT   | 0s     | recording.aws.api-call-timeout (RECORDING_AWS_API_CALL_TIMEOUT) must be positive
      RECORDING_PROCESSING_WORKERS     | 2.5    | recording.processing.workers (RECORDING_PROCESSING_WORKERS) '2.5' is not a whole number
      RECORDING_PROCESSING_MP4         | yes    | recording.processing.mp4 (RECORDING_PROCESSING_MP4) 'yes' is not true or false
      RECORDING_BACKEND                | gcs    | recording.backend (RECORDING_BACKEND) 'gcs' is not a backend
      """)
  void aBadValueIsRefusedNamingTheKeyAndItsVariable(String variable, String value, String message) {
    Map<String, String> environment = new HashMap<>(Map.of(variable, value));
    if (variable.startsWith("RECORDING_AWS")) {
      environment.putAll(Map.of("RECORDING_BACKEND", "aws", "RECORDING_AWS_BUCKET", "acme-recordings"));
    }

    SettingException refused = catchThrowableOfType(SettingException.class,
        () -> WiringSettings.read(SettingsSource.environment(environment)));

    assertThat(refused).isNotNull();
    assertThat(refused.getMessage()).startsWith(message).doesNotContain("\n");
  }

  @Test
  void theAwsBackendNeedsABucketAndTakesItsCallTimeout() {
    SettingException refused = catchThrowableOfType(SettingException.class, () -> WiringSettings.read(
        SettingsSource.environment(Map.of("RECORDING_BACKEND", "aws"))));
    assertThat(refused.getMessage()).isEqualTo("recording.aws.bucket (RECORDING_AWS_BUCKET) is required with the aws "
        + "backend");

    WiringSettings aws = WiringSettings.read(SettingsSource.environment(Map.of("RECORDING_BACKEND", "aws",
        "RECORDING_AWS_BUCKET", "acme-recordings", "RECORDING_AWS_API_CALL_TIMEOUT", "45s",
        "RECORDING_AWS_QUEUE", "jobs")));
    assertThat(aws.aws().orElseThrow().settings().apiCallTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(aws.aws().orElseThrow().settings().queue()).contains("jobs");
  }

  @Test
  void givenValuesComeBeforeTheEnvironmentAndBlankCountsAsUnset() {
    SettingsSource source = SettingsSource.of(Map.of("recording.webhook.timeout", "3s", "recording.retention", " "))
        .orElse(SettingsSource.environment(Map.of("RECORDING_WEBHOOK_TIMEOUT", "9s", "RECORDING_RETENTION", "2d")));

    WiringSettings settings = WiringSettings.read(source);

    assertThat(settings.webhooks().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.retention().retention()).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void theJobRuntimeIsConfiguredAsJobsEachKindWithItsBackoff() {
    WiringSettings settings = WiringSettings.read(SettingsSource.environment(Map.of(
        "RECORDING_JOBS_LEASE", "2m", "RECORDING_JOBS_RETRY_BASE", "10s", "RECORDING_JOBS_MAIL_RETRY_BASE", "5m")));

    assertThat(settings.jobs().lease()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.jobs().retryWait(JobKind.PROCESS_RECORDING, 2)).isEqualTo(Duration.ofSeconds(40));
    assertThat(settings.jobs().retryWait(JobKind.DELIVER_WEBHOOK, 1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.jobs().retryWait(JobKind.SEND_EMAIL, 2)).isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void theLeasesFormerNameStillWorksAndIsReportedAsDeprecated() {
    SettingsSource former = SettingsSource.environment(Map.of("RECORDING_PROCESSING_LEASE", "90s"));

    assertThat(WiringSettings.read(former).jobs().lease()).isEqualTo(Duration.ofSeconds(90));
    assertThat(Setting.deprecations(former)).containsExactly("recording.processing.lease (RECORDING_PROCESSING_LEASE) "
        + "is deprecated: set recording.jobs.lease (RECORDING_JOBS_LEASE) instead");
    assertThat(catchThrowableOfType(SettingException.class, () -> WiringSettings.read(SettingsSource.environment(
        Map.of("RECORDING_PROCESSING_LEASE", "1s"))))).hasMessageStartingWith("recording.processing.lease "
        + "(RECORDING_PROCESSING_LEASE) ");

    SettingsSource both = SettingsSource.environment(Map.of("RECORDING_PROCESSING_LEASE", "90s",
        "RECORDING_JOBS_LEASE", "30s"));
    assertThat(WiringSettings.read(both).jobs().lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(Setting.deprecations(both)).singleElement().asString().endsWith("which is set and wins");
    assertThat(Setting.deprecations(SettingsSource.of(Map.of()))).isEmpty();
  }

  private static Map<String, String> smtpMail() {
    return new HashMap<>(Map.of("RECORDING_MAIL_TRANSPORT", "smtp", "RECORDING_MAIL_FROM", "recordings@example.com",
        "RECORDING_MAIL_SMTP_HOST", "mail.example.com", "RECORDING_PUBLIC_URL", "https://rec.example.com"));
  }

  @Test
  void mailIsReadFromTheDeclaredKeysWithTheirDefaultsAndTheOneDurationGrammar() {
    WiringSettings smtp = WiringSettings.read(SettingsSource.environment(smtpMail()));
    assertThat(smtp.mail().transport()).isEqualTo(io.chatvideo.recording.mail.MailTransport.SMTP);
    assertThat(smtp.mail().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(smtp.mail().smtp()).hasValueSatisfying(server -> {
      assertThat(server.host()).isEqualTo("mail.example.com");
      assertThat(server.port()).isEqualTo(587);
      assertThat(server.starttls()).isTrue();
      assertThat(server.username()).isEmpty();
    });

    Map<String, String> ses = smtpMail();
    ses.remove("RECORDING_MAIL_SMTP_HOST");
    ses.putAll(Map.of("RECORDING_MAIL_TRANSPORT", "SES", "RECORDING_AWS_REGION", "eu-west-1",
        "RECORDING_MAIL_TIMEOUT", "PT5S"));
    WiringSettings fromTheBackendsRegion = WiringSettings.read(SettingsSource.environment(ses));
    assertThat(fromTheBackendsRegion.mail().sesRegion()).hasValue("eu-west-1");
    assertThat(fromTheBackendsRegion.mail().timeout()).isEqualTo(Duration.ofSeconds(5));
    ses.putAll(Map.of("RECORDING_MAIL_SES_REGION", "us-east-2", "RECORDING_MAIL_TIMEOUT", "1m"));
    assertThat(WiringSettings.read(SettingsSource.environment(ses)).mail().sesRegion()).hasValue("us-east-2");

    // Off, the other mail keys are not looked at.
    assertThat(WiringSettings.read(SettingsSource.environment(Map.of("RECORDING_MAIL_SMTP_PORT", "banana")))
        .mail().enabled()).isFalse();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
      RECORDING_MAIL_TRANSPORT     | pigeon           | recording.mail.transport (RECORDING_MAIL_TRANSPORT) 'pigeon' is not off, smtp or ses
      RECORDING_MAIL_FROM          | Recordings       | recording.mail.from (RECORDING_MAIL_FROM) must be an address like recordings@example.com, was 'Recordings'
      RECORDING_MAIL_FROM          | ''               | recording.mail.from (RECORDING_MAIL_FROM) is required with recording.mail.transport=smtp
      RECORDING_PUBLIC_URL         | ''               | recording.public-url (RECORDING_PUBLIC_URL) is required with recording.mail.transport=smtp: the email links to the web client
      RECORDING_PUBLIC_URL         | rec.example.com  | recording.public-url (RECORDING_PUBLIC_URL) must be an absolute http
      RECORDING_MAIL_TIMEOUT       | soon             | recording.mail.timeout (RECORDING_MAIL_TIMEOUT) 'soon' is not a duration
      RECORDING_MAIL_TIMEOUT       | 10m              | recording.mail.timeout (RECORDING_MAIL_TIMEOUT) must be 1s to 2m, was PT10M
      RECORDING_MAIL_SMTP_HOST     | ''               | recording.mail.smtp.host (RECORDING_MAIL_SMTP_HOST) is required with recording.mail.transport=smtp
      RECORDING_MAIL_SMTP_HOST     | smtp://mail      | recording.mail.smtp.host (RECORDING_MAIL_SMTP_HOST) must be a host name or address, was 'smtp://mail'
      RECORDING_MAIL_SMTP_PORT     | banana           | recording.mail.smtp.port (RECORDING_MAIL_SMTP_PORT) 'banana' is not a whole number
      RECORDING_MAIL_SMTP_PORT     | 70000            | recording.mail.smtp.port (RECORDING_MAIL_SMTP_PORT) must be a port, 1 to 65535, was 70000
      RECORDING_MAIL_SMTP_STARTTLS | yes              | recording.mail.smtp.starttls (RECORDING_MAIL_SMTP_STARTTLS) 'yes' is not true or false
      RECORDING_MAIL_SMTP_USERNAME | ada              | recording.mail.smtp.password (RECORDING_MAIL_SMTP_PASSWORD) is required with recording.mail.smtp.username: give both
      RECORDING_MAIL_SMTP_PASSWORD | pw               | recording.mail.smtp.username (RECORDING_MAIL_SMTP_USERNAME) is required with recording.mail.smtp.password: give both
      """)
  void aBadMailValueIsRefusedNamingTheKeyAndItsVariable(String variable, String value, String message) {
    Map<String, String> environment = smtpMail();
    environment.put(variable, value);

    SettingException refused = catchThrowableOfType(SettingException.class,
        () -> WiringSettings.read(SettingsSource.environment(environment)));

    assertThat(refused).as(variable + "=" + value).isNotNull();
    assertThat(refused.getMessage()).startsWith(message).doesNotContain("\n");
  }

  @Test
  void sesNeedsARegionGivenAndAUsableEndpoint() {
    Map<String, String> ses = smtpMail();
    ses.put("RECORDING_MAIL_TRANSPORT", "ses");
    assertThat(catchThrowableOfType(SettingException.class, () -> WiringSettings.read(SettingsSource.environment(ses))))
        .hasMessage("recording.mail.ses.region (RECORDING_MAIL_SES_REGION) is required with "
            + "recording.mail.transport=ses (or recording.aws.region)");
    ses.put("RECORDING_MAIL_SES_REGION", "EU West");
    assertThat(catchThrowableOfType(SettingException.class, () -> WiringSettings.read(SettingsSource.environment(ses))))
        .hasMessageStartingWith("recording.mail.ses.region (RECORDING_MAIL_SES_REGION) AWS region 'EU West' is not a "
            + "region name like us-east-1");
    ses.putAll(Map.of("RECORDING_MAIL_SES_REGION", "us-east-1", "RECORDING_MAIL_SES_ENDPOINT", "ftp://x"));
    assertThat(catchThrowableOfType(SettingException.class, () -> WiringSettings.read(SettingsSource.environment(ses))))
        .hasMessageStartingWith("recording.mail.ses.endpoint (RECORDING_MAIL_SES_ENDPOINT) 'ftp://x' is not a URL");
  }

  /** The server's README lists every setting; each declared one is there with its variable and default. */
  @Test
  void theServerReadmeDocumentsEveryDeclaredSettingAsDeclared() throws IOException {
    List<String> rows = Files.readAllLines(Path.of("../adapter-http/README.md")).stream()
        .filter(line -> line.startsWith("| `recording.")).toList();

    for (Setting setting : Setting.ALL) {
      Optional<String> row = rows.stream().filter(line -> line.startsWith("| `" + setting.key() + "` |")).findFirst();
      assertThat(row).as(setting.key() + " in adapter-http/README.md").isPresent();
      String[] cells = row.get().split("\\|");
      assertThat(cells[2].strip()).as(setting.key() + "'s variable").isEqualTo("`" + setting.environmentVariable() + "`");
      String documented = cells[3].strip();
      setting.defaultValue().ifPresent(value -> assertThat(documented).as(setting.key() + "'s default")
          .matches(Pattern.quote("`" + value + "`") + "( \\(.*\\))?"));
      if (setting.defaultValue().isEmpty()) {
        assertThat(documented).as(setting.key() + " has no default value").doesNotStartWith("`");
      }
    }
  }
}
