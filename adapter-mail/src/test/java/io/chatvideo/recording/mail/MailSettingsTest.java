package io.chatvideo.recording.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.domain.HttpUrl;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The values' own checks; the keys, their defaults and their refusals are recording-wiring's {@code WiringSettingsTest}. */
class MailSettingsTest {

  private static final EmailAddress FROM = new EmailAddress("recordings@example.com");
  private static final HttpUrl PUBLIC_URL = HttpUrl.publicBase("https://rec.example.com");

  private static SmtpSettings smtp() {
    return new SmtpSettings("mail.example.com", SmtpSettings.DEFAULT_PORT, Optional.empty(), Optional.empty(), true);
  }

  @Test
  void offSendsNothing() {
    assertThat(MailSettings.off().enabled()).isFalse();
    assertThat(MailSettings.off().timeout()).isEqualTo(MailSettings.DEFAULT_TIMEOUT);
  }

  @Test
  void smtpAndSesCarryWhatTheirTransportNeeds() {
    MailSettings smtp = MailSettings.smtp(FROM, PUBLIC_URL, smtp(), Duration.ofSeconds(10));
    assertThat(smtp.transport()).isEqualTo(MailTransport.SMTP);
    assertThat(smtp.enabled()).isTrue();
    assertThat(smtp.sesRegion()).isEmpty();

    MailSettings ses = MailSettings.ses(FROM, PUBLIC_URL, "eu-west-1", Optional.empty(), Duration.ofSeconds(5));
    assertThat(ses.transport()).isEqualTo(MailTransport.SES);
    assertThat(ses.sesRegion()).hasValue("eu-west-1");
    assertThat(ses.smtp()).isEmpty();
  }

  @Test
  void thePasswordIsNeverPrinted() {
    SmtpSettings smtp = new SmtpSettings("mail.example.com", 587, Optional.of("ada"), Optional.of("s3cret-pw"), true);
    assertThat(MailSettings.smtp(FROM, PUBLIC_URL, smtp, Duration.ofSeconds(10)).toString()).contains("ada")
        .doesNotContain("s3cret-pw");
  }

  @Test
  void eachValueIsCheckedWithAOneLineProblem() {
    assertProblem(() -> MailSettings.timeout(Duration.ofMinutes(10)), "must be 1s to 2m, was PT10M");
    assertProblem(() -> MailSettings.timeout(Duration.ofMillis(500)), "must be 1s to 2m");
    assertThat(MailSettings.timeout(Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
    assertProblem(() -> SmtpSettings.port(70_000), "must be a port, 1 to 65535, was 70000");
    assertProblem(() -> SmtpSettings.port(0), "must be a port, 1 to 65535, was 0");
    assertThat(SmtpSettings.port(25)).isEqualTo(25);
    assertProblem(() -> SmtpSettings.host("smtp://mail.example.com"), "must be a host name or address");
    assertProblem(() -> SmtpSettings.host(" "), "must be a host name or address");
    assertProblem(() -> new SmtpSettings("mail.example.com", 587, Optional.of("ada"), Optional.empty(), true),
        "give both");
    assertProblem(() -> MailSettings.ses(FROM, PUBLIC_URL, "EU West", Optional.empty(), Duration.ofSeconds(5)),
        "is not a region name like us-east-1");
    assertProblem(() -> MailSettings.smtp(FROM, PUBLIC_URL, smtp(), Duration.ofHours(1)), "must be 1s to 2m");
  }

  private static void assertProblem(Runnable build, String problem) {
    assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem)
        .hasMessageNotContaining("\n");
  }
}
