package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.EmailAddress;
import java.util.Objects;

/**
 * One email to one person, with a plain-text and an HTML part of the same content; the sender
 * ({@code From}) is the transport's setting, not the message's.
 */
public record MailMessage(EmailAddress to, String subject, String text, String html) {

  public MailMessage {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    if (subject.isBlank() || subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
      throw new IllegalArgumentException("a subject is one line, not blank");
    }
  }
}
