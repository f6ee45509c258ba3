package io.chatvideo.recording.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.port.out.MailMessage;
import io.chatvideo.recording.core.port.out.MailOutcome;
import io.chatvideo.recording.core.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sending to a port where an accepting server never answers is bounded by the timeout and is a failure, not a hang. */
class SmtpMailerTest {

  @Test
  void aServerThatNeverGreetsIsAFailedAttemptWithinTheTimeout() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      SmtpMailer mailer = new SmtpMailer(new SmtpSettings("127.0.0.1", silent.getLocalPort(), Optional.empty(),
          Optional.empty(), false), new EmailAddress("recordings@example.com"), Duration.ofSeconds(1),
          new MutableClock(Instant.parse("2026-05-01T12:00:00Z")));
      long started = System.nanoTime();
      MailOutcome outcome = mailer.send(new MailMessage(new EmailAddress("alice@example.com"), "s", "t", "<p>h</p>"));
      assertThat(outcome).isInstanceOfSatisfying(MailOutcome.Failed.class,
          failed -> assertThat(failed.reason()).startsWith("SMTP 127.0.0.1:" + silent.getLocalPort() + ": "));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }
  }
}
