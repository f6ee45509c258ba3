package io.chatvideo.recording.mail;

import io.chatvideo.recording.core.port.out.Mailer;

/** A {@link Mailer} that holds a client (SES's HTTP connections) until it is closed; closing never throws. */
public interface TransportMailer extends Mailer, AutoCloseable {

  @Override
  void close();
}
