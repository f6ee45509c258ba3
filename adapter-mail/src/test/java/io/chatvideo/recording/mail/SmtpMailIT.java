package io.chatvideo.recording.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.testing.FakeMediaProcessor;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.core.testing.ScriptedWebhookSender;
import io.chatvideo.recording.local.LocalBackend;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's email through the real parts: the embedded backend (SQLite job queue and outbox),
 * the core's job worker, the {@link SmtpMailer} and GreenMail on 127.0.0.1. The clock is the
 * test's, so a retry's backoff is a clock move, not a sleep.
 */
class SmtpMailIT {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final HttpUrl PUBLIC = HttpUrl.parse("http://127.0.0.1:8080");

  @TempDir
  Path data;

  private final MutableClock clock = new MutableClock(T0);
  private int port;
  private GreenMail greenMail;
  private LocalBackend backend;
  private WatchedJobQueue queue;
  private Recordings recordings;

  @BeforeEach
  void open() throws IOException {
    port = freePort();
    backend = LocalBackend.open(data.resolve("data"), clock);
    queue = new WatchedJobQueue(backend.jobs(5));
    SmtpSettings smtp = new SmtpSettings("127.0.0.1", port, Optional.empty(), Optional.empty(), false);
    recordings = Recordings.builder().repository(backend.repository()).storage(backend.storage()).ledger(backend.ledger())
        .clock(clock)
        .jobs(queue).media(new FakeMediaProcessor()).processing(ProcessingPolicy.on())
        .workDirectory(data.resolve("work"))
        .events(backend.events(), backend.webhookEndpoints(), new ScriptedWebhookSender())
        .mail(new SmtpMailer(smtp, new EmailAddress("recordings@example.com"), Duration.ofSeconds(5), clock), PUBLIC)
        .build();
  }

  @AfterEach
  void close() {
    if (greenMail != null) {
      greenMail.stop();
    }
    backend.close();
  }

  @Test
  void theReadyEmailArrivesWithRecipientSubjectLinkAndBothParts() throws Exception {
    startGreenMail();
    RecordingId id = complete(ALICE);
    drain();

    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    MimeMessage mail = greenMail.getReceivedMessages()[0];
    assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("alice@example.com");
    assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("recordings@example.com");
    assertThat(mail.getSubject()).isEqualTo("Your recording is ready: call.webm");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getCount()).isEqualTo(2);
    String link = "http://127.0.0.1:8080/library#recording-" + id;
    assertThat(parts.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat((String) parts.getBodyPart(0).getContent()).contains("Room:        room-1", "Watch it: " + link);
    assertThat(parts.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat((String) parts.getBodyPart(1).getContent()).contains("<a href=\"" + link + "\">", "<td>call.webm</td>");
  }

  @Test
  void anSmtpOutageFailsTheMailJobWhichTheRetryDeliversOnceTheServerIsBack() throws Exception {
    RecordingId id = complete(ALICE);
    drain();
    assertThat(recordings.getRecording().get(ALICE, id).recording()).satisfies(recording ->
        assertThat(recording.status().name()).isEqualTo("COMPLETED"));
    assertThat(queue.failures()).singleElement().asString()
        .startsWith("SEND_EMAIL attempt 1: the mail service: SMTP 127.0.0.1:" + port)
        .endsWith(", again at " + T0.plus(Duration.ofMinutes(1)));

    startGreenMail();
    clock.advance(Duration.ofSeconds(30));
    drain();
    assertThat(greenMail.getReceivedMessages()).as("the retry waits its minute").isEmpty();
    clock.advance(Duration.ofSeconds(31));
    drain();
    assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("Your recording is ready: call.webm");
    assertThat(queue.failures()).hasSize(1);
    assertThat(queue.dead(10)).isEmpty();
  }

  @Test
  void anOwnerIdThatIsNoEmailAddressGetsNoMailJob() throws Exception {
    startGreenMail();
    complete(UserId.ofSubject("7f3c9a"));
    drain();

    // The outbox queues its publish jobs in its own transaction; the processing job is queued here.
    assertThat(queue.enqueued()).contains(JobKind.PROCESS_RECORDING).doesNotContain(JobKind.SEND_EMAIL);
    assertThat(queue.failures()).isEmpty();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  private void startGreenMail() {
    greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
  }

  private RecordingId complete(UserId owner) throws IOException {
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(owner, RoomId.of("room-1"),
        Optional.of("call.webm"), ContentType.DEFAULT, OptionalLong.empty(), Set.of()));
    Path file = Files.writeString(data.resolve("upload.webm"), "MEDIA call", StandardCharsets.UTF_8);
    backend.storage().write(ticket.objectKey(), ContentType.DEFAULT, file);
    recordings.completeUpload().complete(new CompleteUploadCommand(owner, ticket.recordingId(), Optional.empty(),
        Optional.empty()));
    return ticket.recordingId();
  }

  private void drain() {
    while (recordings.jobs().runNext()) {
      // each call runs one due job
    }
  }

  /** A port nothing listens on now; GreenMail starts on it later (the outage test needs it before the server). */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
