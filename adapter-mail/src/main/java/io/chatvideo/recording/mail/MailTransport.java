package io.chatvideo.recording.mail;

/** How email leaves: {@code recording.mail.transport}. */
public enum MailTransport {
  /** No email (the default). */
  OFF,
  /** An SMTP server, through Jakarta Mail on Eclipse Angus. */
  SMTP,
  /** Amazon SES, through the AWS SDK v2 {@code sesv2} client. */
  SES
}
