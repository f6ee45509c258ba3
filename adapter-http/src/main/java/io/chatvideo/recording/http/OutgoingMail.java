package io.chatvideo.recording.http;

import io.chatvideo.recording.mail.TransportMailer;
import java.util.Optional;

/** The mailer the server sends through, when mail is on; closed at shutdown with the credentials it made (SES). */
final class OutgoingMail implements AutoCloseable {

  private final Optional<TransportMailer> mailer;
  private final Optional<? extends AutoCloseable> ownCredentials;

  OutgoingMail(Optional<TransportMailer> mailer, Optional<? extends AutoCloseable> ownCredentials) {
    this.mailer = mailer;
    this.ownCredentials = ownCredentials;
  }

  Optional<TransportMailer> mailer() {
    return mailer;
  }

  @Override
  public void close() throws Exception {
    mailer.ifPresent(TransportMailer::close);
    if (ownCredentials.isPresent()) {
      ownCredentials.get().close();
    }
  }
}
