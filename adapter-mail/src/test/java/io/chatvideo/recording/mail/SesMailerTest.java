package io.chatvideo.recording.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.port.out.MailMessage;
import io.chatvideo.recording.core.port.out.MailOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * The SES mailer's request, and its client against a stand-in on 127.0.0.1 (there is no SES here,
 * nor internet): what it sends, and a refused connection as a failed attempt.
 */
class SesMailerTest {

  private static final MailMessage MESSAGE = new MailMessage(new EmailAddress("alice@example.com"),
      "Your recording is ready: call.webm", "text part", "<p>html part</p>");
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

  @Test
  void theRequestCarriesSenderRecipientSubjectAndBothPartsInUtf8() {
    try (SesMailer mailer = mailer(URI.create("http://127.0.0.1:9"))) {
      SendEmailRequest request = mailer.request(MESSAGE);
      assertThat(request.fromEmailAddress()).isEqualTo("recordings@example.com");
      assertThat(request.destination().toAddresses()).containsExactly("alice@example.com");
      assertThat(request.content().simple().subject().data()).isEqualTo("Your recording is ready: call.webm");
      assertThat(request.content().simple().body().text().data()).isEqualTo("text part");
      assertThat(request.content().simple().body().html().data()).isEqualTo("<p>html part</p>");
      assertThat(request.content().simple().body().html().charset()).isEqualTo("UTF-8");
    }
  }

  @Test
  void theClientPostsSendEmailSignedAndAnAcceptedAnswerIsAccepted() throws IOException {
    AtomicReference<String> seen = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", exchange -> {
      seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
          + exchange.getRequestHeaders().getFirst("Authorization") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = "{\"MessageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try (SesMailer mailer = mailer(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))) {
      assertThat(mailer.send(MESSAGE)).isInstanceOf(MailOutcome.Accepted.class);
    } finally {
      server.stop(0);
    }
    assertThat(seen.get()).startsWith("POST /v2/email/outbound-emails AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
        .contains("/eu-west-1/ses/", "\"FromEmailAddress\":\"recordings@example.com\"", "alice@example.com",
            "<p>html part</p>");
  }

  @Test
  void anUnreachableSesIsAFailedAttemptNotAnException() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = socket.getLocalPort();
    }
    try (SesMailer mailer = mailer(URI.create("http://127.0.0.1:" + closed))) {
      assertThat(mailer.send(MESSAGE)).isInstanceOfSatisfying(MailOutcome.Failed.class,
          failed -> assertThat(failed.reason()).startsWith("SES: "));
    }
  }

  private static SesMailer mailer(URI endpoint) {
    return SesMailer.create("eu-west-1", Optional.of(endpoint), CREDENTIALS, Duration.ofSeconds(5),
        new EmailAddress("recordings@example.com"));
  }
}
