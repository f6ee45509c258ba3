package io.chatvideo.recording.mail;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** The one switch from {@link MailSettings} to a mailer, for the server and the worker alike. */
public final class MailTransports {

  private MailTransports() {}

  /**
   * The mailer the settings name; empty when mail is off. {@code credentials} is asked only for
   * SES, and stays the caller's to close.
   */
  public static Optional<TransportMailer> open(MailSettings settings, Clock clock,
      Supplier<AwsCredentialsProvider> credentials) {
    return switch (settings.transport()) {
      case OFF -> Optional.empty();
      case SMTP -> Optional.of(new SmtpMailer(settings.smtp().orElseThrow(), settings.from().orElseThrow(),
          settings.timeout(), clock));
      case SES -> Optional.of(SesMailer.create(settings.sesRegion().orElseThrow(), settings.sesEndpoint(),
          credentials.get(), settings.timeout(), settings.from().orElseThrow()));
    };
  }
}
