package io.chatvideo.recording.mail;

import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.domain.HttpUrl;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How owners are emailed, built from typed values: the {@code recording.mail.*} keys are declared
 * and read once, in recording-wiring's {@code Setting} and {@code WiringSettings}, which turn this
 * type's {@code IllegalArgumentException}s into the one refusal naming the key and its variable.
 *
 * <pre>{@code
 * MailSettings mail = MailSettings.smtp(from, publicUrl, new SmtpSettings("mail.example.com", 587, Optional.empty(),
 *     Optional.empty(), true), Duration.ofSeconds(10));
 * }</pre>
 *
 * @param from the sender's address, present unless {@code transport} is off
 * @param publicUrl the web client's base URL; the email links to {@code publicUrl/library#recording-<id>}
 * @param smtp present with the {@code smtp} transport
 * @param sesRegion the SES region, present with the {@code ses} transport
 * @param sesEndpoint an SES-compatible endpoint instead of AWS's
 * @param timeout the bound on connecting, on each read and write (SMTP) and on one API call with its retries (SES)
 */
public record MailSettings(MailTransport transport, Optional<EmailAddress> from, Optional<HttpUrl> publicUrl,
    Optional<SmtpSettings> smtp, Optional<String> sesRegion, Optional<URI> sesEndpoint, Duration timeout) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);

  public MailSettings {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(sesRegion, "sesRegion");
    Objects.requireNonNull(sesEndpoint, "sesEndpoint");
    timeout(timeout);
    sesRegion.ifPresent(AwsSettings::checkRegion);
    if (transport != MailTransport.OFF && (from.isEmpty() || publicUrl.isEmpty())) {
      throw new IllegalStateException("mail " + lower(transport) + " needs a sender and the web client's URL");
    }
    if (smtp.isPresent() != (transport == MailTransport.SMTP)
        || sesRegion.isPresent() != (transport == MailTransport.SES)) {
      throw new IllegalStateException("mail " + lower(transport) + " with smtp " + smtp.isPresent() + " and ses "
          + sesRegion.isPresent());
    }
  }

  /** No email. */
  public static MailSettings off() {
    return new MailSettings(MailTransport.OFF, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), DEFAULT_TIMEOUT);
  }

  /** Email through the SMTP server {@code smtp}. */
  public static MailSettings smtp(EmailAddress from, HttpUrl publicUrl, SmtpSettings smtp, Duration timeout) {
    return new MailSettings(MailTransport.SMTP, Optional.of(from), Optional.of(publicUrl), Optional.of(smtp),
        Optional.empty(), Optional.empty(), timeout);
  }

  /** Email through Amazon SES in {@code region} (or the SES-compatible {@code endpoint}). */
  public static MailSettings ses(EmailAddress from, HttpUrl publicUrl, String region, Optional<URI> endpoint,
      Duration timeout) {
    return new MailSettings(MailTransport.SES, Optional.of(from), Optional.of(publicUrl), Optional.empty(),
        Optional.of(region), endpoint, timeout);
  }

  /** {@code timeout}, when 1 s to 2 min; else an {@code IllegalArgumentException} saying so. */
  public static Duration timeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("must be 1s to 2m, was " + timeout);
    }
    return timeout;
  }

  public boolean enabled() {
    return transport != MailTransport.OFF;
  }

  private static String lower(MailTransport transport) {
    return transport.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "MailSettings[transport=" + lower(transport) + ", from=" + from.map(Object::toString).orElse("-")
        + ", smtp=" + smtp.map(Object::toString).orElse("-") + ", sesRegion=" + sesRegion.orElse("-") + "]";
  }
}
