package io.chatvideo.recording.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How email leaves: {@code recording.mail.transport}. */
public enum MailTransport {
  /** No email (the default). */
  OFF,
  /** An SMTP server, through Jakarta Mail on Eclipse Angus. */
  SMTP,
  /** Amazon SES, through the AWS SDK v2 {@code sesv2} client. */
  SES;

  /** The transport named {@code text} in any case ({@code smtp}); empty for anything else. */
  static Optional<MailTransport> parse(String text) {
    return Arrays.stream(values()).filter(t -> t.name().equals(text.strip().toUpperCase(Locale.ROOT))).findFirst();
  }
}
