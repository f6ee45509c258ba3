package io.chatvideo.recording.core.port.out;

/**
 * Hands an email to a mail service (SMTP, Amazon SES). Never throws for what the network or the
 * service does: that is a {@link MailOutcome.Failed}, which the mail job answers as its failure so
 * that the job queue tries it again after its backoff.
 *
 * <pre>{@code
 * if (mailer.send(message) instanceof MailOutcome.Failed failed) { retryLater(failed.reason()); }
 * }</pre>
 */
public interface Mailer {

  MailOutcome send(MailMessage message);
}
