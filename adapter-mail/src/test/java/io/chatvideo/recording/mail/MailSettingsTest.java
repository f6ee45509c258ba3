package io.chatvideo.recording.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailSettingsTest {

  private static MailSettings read(Map<String, String> values) {
    return MailSettings.read(key -> Optional.ofNullable(values.get(key)));
  }

  private static Map<String, String> smtp() {
    Map<String, String> values = new HashMap<>();
    values.put(MailSettings.TRANSPORT, "smtp");
    values.put(MailSettings.FROM, "recordings@example.com");
    values.put(MailSettings.PUBLIC_URL, "https://rec.example.com");
    values.put(MailSettings.SMTP_HOST, "mail.example.com");
    return values;
  }

  @Test
  void offByDefaultWithoutLookingAtTheRest() {
    assertThat(read(Map.of(MailSettings.SMTP_PORT, "nonsense")).enabled()).isFalse();
    assertThat(read(Map.of(MailSettings.TRANSPORT, " OFF ")).enabled()).isFalse();
  }

  @Test
  void smtpWithItsDefaults() {
    MailSettings settings = read(smtp());
    assertThat(settings.transport()).isEqualTo(MailTransport.SMTP);
    assertThat(settings.smtp()).hasValueSatisfying(smtp -> {
      assertThat(smtp.port()).isEqualTo(587);
      assertThat(smtp.starttls()).isTrue();
      assertThat(smtp.username()).isEmpty();
    });
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void thePasswordIsNeverPrinted() {
    Map<String, String> values = smtp();
    values.put(MailSettings.SMTP_USERNAME, "ada");
    values.put(MailSettings.SMTP_PASSWORD, "s3cret-pw");
    assertThat(read(values).toString()).contains("ada").doesNotContain("s3cret-pw");
  }

  @Test
  void eachBadValueNamesItsKeyAndVariable() {
    assertProblem(Map.of(MailSettings.TRANSPORT, "pigeon"), MailSettings.TRANSPORT,
        "recording.mail.transport (RECORDING_MAIL_TRANSPORT) must be off, smtp or ses, was 'pigeon'");
    assertProblem(without(MailSettings.FROM), MailSettings.FROM, "is required with recording.mail.transport=smtp");
    assertProblem(with(MailSettings.FROM, "Recordings"), MailSettings.FROM, "must be an address");
    assertProblem(without(MailSettings.PUBLIC_URL), MailSettings.PUBLIC_URL, "the email links to the web client");
    assertProblem(with(MailSettings.PUBLIC_URL, "rec.example.com"), MailSettings.PUBLIC_URL, "absolute http");
    assertProblem(without(MailSettings.SMTP_HOST), MailSettings.SMTP_HOST, "is required");
    assertProblem(with(MailSettings.SMTP_PORT, "70000"), MailSettings.SMTP_PORT, "1 to 65535, was '70000'");
    assertProblem(with(MailSettings.SMTP_PORT, "smtp"), MailSettings.SMTP_PORT, "was 'smtp'");
    assertProblem(with(MailSettings.SMTP_STARTTLS, "yes"), MailSettings.SMTP_STARTTLS, "true or false");
    assertProblem(with(MailSettings.SMTP_USERNAME, "ada"), MailSettings.SMTP_PASSWORD, "give both");
    assertProblem(with(MailSettings.TIMEOUT, "soon"), MailSettings.TIMEOUT, "not a duration");
    assertProblem(with(MailSettings.TIMEOUT, "10m"), MailSettings.TIMEOUT, "1s to 2m");
  }

  @Test
  void sesTakesItsRegionOrTheBackendsAndAnOptionalEndpoint() {
    Map<String, String> values = without(MailSettings.SMTP_HOST);
    values.put(MailSettings.TRANSPORT, "ses");
    assertProblem(values, MailSettings.SES_REGION, "is required with recording.mail.transport=ses");
    values.put(MailSettings.AWS_REGION, "eu-west-1");
    assertThat(read(values).sesRegion()).hasValue("eu-west-1");
    values.put(MailSettings.SES_REGION, "us-east-1");
    values.put(MailSettings.TIMEOUT, "PT5S");
    assertThat(read(values).sesRegion()).hasValue("us-east-1");
    assertThat(read(values).timeout()).isEqualTo(Duration.ofSeconds(5));
    values.put(MailSettings.SES_REGION, "EU West");
    assertProblem(values, MailSettings.SES_REGION, "is not a region name like us-east-1");
    values.put(MailSettings.SES_REGION, "us-east-1");
    values.put(MailSettings.SES_ENDPOINT, "ftp://x");
    assertProblem(values, MailSettings.SES_ENDPOINT, "must be a URL");
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> values = smtp();
    values.put(key, value);
    return values;
  }

  private static Map<String, String> without(String key) {
    Map<String, String> values = smtp();
    values.remove(key);
    return values;
  }

  private static void assertProblem(Map<String, String> values, String key, String problem) {
    assertThatThrownBy(() -> read(values)).isInstanceOfSatisfying(MailSettingException.class, e -> {
      assertThat(e.key()).isEqualTo(key);
      assertThat(e.getMessage()).startsWith(key + " (" + MailSettingException.environmentVariable(key) + ") ")
          .contains(problem).doesNotContain("\n");
    });
  }
}
