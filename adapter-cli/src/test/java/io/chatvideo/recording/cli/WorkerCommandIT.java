package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.local.LocalBackend;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recordings worker} and {@code admin reprocess} on the local backend, with the real ffmpeg
 * on a real MediaRecorder file: a recording the core completed with processing on is queued, and
 * the CLI's worker makes it ready.
 */
class WorkerCommandIT {

  @TempDir
  Path home;

  private final Clock clock = Clock.fixed(Cli.NOW, ZoneOffset.UTC);

  private CompletedRecording completed(Path data) {
    try (LocalBackend backend = LocalBackend.open(data, clock)) {
      return ProcessedUploads.complete(backend.repository(), backend.storage(), backend.jobs(5), clock,
          "ann@example.com", ProcessedUploads.CHROMIUM_WEBM);
    }
  }

  private CompletedRecording stored(Path data, CompletedRecording recording) {
    try (LocalBackend backend = LocalBackend.open(data, clock)) {
      return (CompletedRecording) backend.repository().find(recording.id()).orElseThrow();
    }
  }

  @Test
  void aQueuedRecordingIsReadyWithItsRenditionsStoredAfterTheWorkerRan() {
    Path data = home.resolve("data");
    CompletedRecording queued = completed(data);
    assertThat(queued.processing().state()).isEqualTo(ProcessingState.QUEUED);

    Cli.Result result = new Cli(home).run("worker", "--drain", "--workers", "2", "--data-dir", data.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    // Once the recording is ready the workers publish its recording.ready event (no endpoint is
    // registered, so there is nothing to deliver), find its speakers (a mixed upload: unavailable)
    // and publish that recording.transcribed event, two workers in either order, then find the
    // queue empty.
    assertThat(result.out()).startsWith("recording " + queued.id() + ": ready (")
        .containsPattern("(?m)^speakers of recording " + queued.id() + ": done \\(\\d+\\.\\d s\\)$");
    assertThat(result.out().lines().filter(line -> line.matches("event delivery msg_[0-9a-f]{32}: done \\(\\d+\\.\\d s\\)")))
        .hasSize(2);
    assertThat(result.out().lines()).hasSize(4);
    assertThat(result.err()).contains("worker: 2 at a time on local data directory " + data);
    CompletedRecording ready = stored(data, queued);
    assertThat(ready.processing().state()).isEqualTo(ProcessingState.READY);
    assertThat(ready.duration()).hasValueSatisfying(d -> assertThat(d.toMillis()).isBetween(2_500L, 3_500L));
    assertThat(ready.processing().width()).isPresent();
    RecordingDetails details = ready.details();
    ObjectKey mp4 = details.objectKey().mp4Rendition();
    ObjectKey poster = details.objectKey().thumbnail();
    assertThat(ready.processing().mp4()).hasValueSatisfying(r -> assertThat(r.key()).isEqualTo(mp4));
    assertThat(ready.processing().thumbnail()).hasValueSatisfying(r -> assertThat(r.key()).isEqualTo(poster));
    try (LocalBackend backend = LocalBackend.open(data, clock)) {
      assertThat(backend.storage().head(mp4)).hasValueSatisfying(o -> assertThat(o.size())
          .isEqualTo(ready.processing().mp4().orElseThrow().size()));
      assertThat(backend.storage().head(poster)).isPresent();
    }
  }

  @Test
  void reprocessQueuesAReadyRecordingAgainAndTheNextWorkerRunMakesItReadyAgain() {
    Path data = home.resolve("data");
    CompletedRecording queued = completed(data);
    assertThat(new Cli(home).run("worker", "--drain", "--data-dir", data.toString()).exitCode()).isZero();

    Cli.Result reprocess = new Cli(home).run("admin", "reprocess", queued.id().toString(), "--data-dir",
        data.toString());

    assertThat(reprocess.exitCode()).as(reprocess.err()).isZero();
    assertThat(reprocess.out()).isEqualTo("recording " + queued.id() + ": queued (was ready) on local data directory "
        + data + "\n");
    assertThat(stored(data, queued).processing().state()).isEqualTo(ProcessingState.QUEUED);
    Cli.Result again = new Cli(home).run("worker", "--drain", "--data-dir", data.toString());
    assertThat(again.out()).startsWith("recording " + queued.id() + ": ready");
    assertThat(stored(data, queued).processing().state()).isEqualTo(ProcessingState.READY);
  }

  @Test
  void aFileThatIsNotMediaEndsFailedWithItsReasonAndTheWorkerGoesOn() throws Exception {
    Path data = home.resolve("data");
    Path notMedia = home.resolve("notes.webm");
    java.nio.file.Files.writeString(notMedia, "these are meeting notes, not a video\n".repeat(40));
    CompletedRecording bad;
    try (LocalBackend backend = LocalBackend.open(data, clock)) {
      bad = ProcessedUploads.complete(backend.repository(), backend.storage(), backend.jobs(5), clock,
          "ann@example.com", notMedia);
    }

    Cli.Result result = new Cli(home).run("worker", "--drain", "--data-dir", data.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).startsWith("recording " + bad.id() + ": failed (");
    assertThat(stored(data, bad).processing().state()).isEqualTo(ProcessingState.FAILED);
  }

  @Test
  void theWorkerEmailsTheOwnerOfTheRecordingItMadeReadyWithTheServersMailSettings() throws Exception {
    Path data = home.resolve("data");
    CompletedRecording queued = completed(data);
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    try {
      Cli.Result result = mailing(port).run("worker", "--drain", "--data-dir", data.toString());

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.err()).contains(", mail smtp");
      assertThat(result.out()).contains("recording " + queued.id() + ": ready")
          .containsPattern("email for event msg_[0-9a-f]{32}: done");
      assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
      MimeMessage mail = greenMail.getReceivedMessages()[0];
      assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("ann@example.com");
      assertThat(mail.getSubject()).startsWith("Your recording is ready: ");
      assertThat(GreenMailUtil.getBody(mail)).contains("http://127.0.0.1:8080/library#recording-" + queued.id());
    } finally {
      greenMail.stop();
    }
  }

  @Test
  void aBadMailSettingStopsTheWorkerWithOneLineNamingIt() {
    Cli.Result result = mailing(25).env("RECORDING_MAIL_SMTP_PORT", "seventy").run("worker", "--drain", "--data-dir",
        home.resolve("data").toString());

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.err()).contains("recording.mail.smtp.port (RECORDING_MAIL_SMTP_PORT) 'seventy' is not a whole "
        + "number").doesNotContain("at io.");
  }

  private Cli mailing(int port) {
    return new Cli(home).env("RECORDING_MAIL_TRANSPORT", "smtp").env("RECORDING_MAIL_FROM", "recordings@example.com")
        .env("RECORDING_MAIL_SMTP_HOST", "127.0.0.1").env("RECORDING_MAIL_SMTP_PORT", Integer.toString(port))
        .env("RECORDING_MAIL_SMTP_STARTTLS", "false").env("RECORDING_PUBLIC_URL", "http://127.0.0.1:8080");
  }
}
