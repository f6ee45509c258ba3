package io.chatvideo.recording.mail;

import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.port.out.MailMessage;
import io.chatvideo.recording.core.port.out.MailOutcome;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Email over SMTP with Jakarta Mail (Eclipse Angus): one connection per message, each bounded in
 * connecting, reading and writing by the settings' timeout, so a server that hangs costs one
 * job's attempt, not a worker. A message is {@code multipart/alternative}, text then HTML.
 */
public final class SmtpMailer implements TransportMailer {

  private final Session session;
  private final SmtpSettings smtp;
  private final InternetAddress from;
  private final Clock clock;

  public SmtpMailer(SmtpSettings smtp, EmailAddress from, Duration timeout, Clock clock) {
    this.smtp = smtp;
    this.clock = clock;
    try {
      this.from = new InternetAddress(from.value(), true);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("the sender '" + from + "' is not an address: " + e.getMessage(), e);
    }
    String millis = Long.toString(timeout.toMillis());
    Properties properties = new Properties();
    properties.setProperty("mail.transport.protocol", "smtp");
    properties.setProperty("mail.smtp.host", smtp.host());
    properties.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
    properties.setProperty("mail.smtp.connectiontimeout", millis);
    properties.setProperty("mail.smtp.timeout", millis);
    properties.setProperty("mail.smtp.writetimeout", millis);
    properties.setProperty("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
    properties.setProperty("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
    // With STARTTLS asked for, a server (or someone in between) that does not offer it is refused, not spoken to in plain text.
    properties.setProperty("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
    properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    this.session = Session.getInstance(properties);
  }

  @Override
  public MailOutcome send(MailMessage message) {
    try {
      MimeMessage mime = mime(message);
      if (smtp.username().isPresent()) {
        Transport.send(mime, smtp.username().get(), smtp.password().orElseThrow());
      } else {
        Transport.send(mime);
      }
      return new MailOutcome.Accepted();
    } catch (MessagingException e) {
      return new MailOutcome.Failed("SMTP " + smtp.host() + ":" + smtp.port() + ": " + describe(e));
    }
  }

  /** The message as it goes over the wire; package-private for the test of its parts. */
  MimeMessage mime(MailMessage message) throws MessagingException {
    MimeMessage mime = new MimeMessage(session);
    mime.setFrom(from);
    mime.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to().value(), true));
    mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
    mime.setSentDate(Date.from(clock.instant()));
    MimeBodyPart text = new MimeBodyPart();
    text.setText(message.text(), StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    mime.setContent(alternative);
    mime.saveChanges();
    return mime;
  }

  /** The exception and its causes in one line: "Couldn't connect to host" alone does not say refused or timed out. */
  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()).strip());
    for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
      text.append("; ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
    }
    return text.toString().replaceAll("\\s+", " ");
  }

  @Override
  public void close() {
    // Nothing held open: each message has its own connection.
  }
}
