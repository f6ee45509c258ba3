package io.chatvideo.recording.core.port.out;

import java.util.Objects;

/** What became of one attempt at handing a message to the mail service. */
public sealed interface MailOutcome {

  /** The service took the message; delivery from there on is its business. */
  record Accepted() implements MailOutcome {}

  /** The service was unreachable, refused the login, timed out or refused the message: tried again later. */
  record Failed(String reason) implements MailOutcome {
    public Failed {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
