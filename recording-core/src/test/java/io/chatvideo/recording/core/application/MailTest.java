package io.chatvideo.recording.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.domain.Html;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import io.chatvideo.recording.core.domain.JobPolicy;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.MultipartTicket;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.StartMultipartCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.out.MailMessage;
import io.chatvideo.recording.core.port.out.MailOutcome;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import io.chatvideo.recording.core.testing.FakeMediaProcessor;
import io.chatvideo.recording.core.testing.InMemoryEventOutbox;
import io.chatvideo.recording.core.testing.InMemoryJobQueue;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.InMemoryWebhookEndpoints;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.core.testing.ScriptedMailer;
import io.chatvideo.recording.core.testing.ScriptedWebhookSender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner's email when a recording is ready or failed processing, over the fakes and a moved clock. */
class MailTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final HttpUrl PUBLIC = HttpUrl.parse("https://rec.example.com/");

  @TempDir
  Path work;

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryRecordingRepository repository = new InMemoryRecordingRepository();
  private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
  private final InMemoryJobQueue queue = new InMemoryJobQueue(3);
  private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(repository, queue);
  private final FakeMediaProcessor media = new FakeMediaProcessor();
  private final ScriptedMailer mailer = new ScriptedMailer();

  private Recordings.Builder builder() {
    return Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger()).clock(clock)
        .retention(new RetentionPolicy(Duration.ofDays(2)))
        .jobs(queue).media(media).processing(ProcessingPolicy.on()).workDirectory(work);
  }

  private Recordings recordings() {
    return builder().events(outbox, new InMemoryWebhookEndpoints(), new ScriptedWebhookSender())
        .mail(mailer, PUBLIC).build();
  }

  private RecordingId complete(Recordings recordings, UserId owner, String filename) {
    byte[] bytes = "MEDIA call".getBytes(StandardCharsets.UTF_8);
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(owner, RoomId.of("room-1"),
        Optional.of(filename), ContentType.DEFAULT, OptionalLong.of(bytes.length), Set.of()));
    storage.put(ticket.objectKey(), bytes);
    recordings.completeUpload().complete(new CompleteUploadCommand(owner, ticket.recordingId(), Optional.empty(),
        Optional.empty()));
    return ticket.recordingId();
  }

  private static void drain(Recordings recordings) {
    while (recordings.jobs().runNext()) {
      // each call runs one due job
    }
  }

  @Test
  void theOwnerIsEmailedOnceWhenTheRecordingIsReadyWithTheFactsAndTheLink() {
    Recordings recordings = recordings();
    RecordingId id = complete(recordings, ALICE, "call.webm");
    drain(recordings);

    MailMessage mail = mailer.sent().get(0);
    assertThat(mailer.sent()).hasSize(1);
    assertThat(mail.to()).isEqualTo(new EmailAddress("alice@example.com"));
    assertThat(mail.subject()).isEqualTo("Your recording is ready: call.webm");
    String link = "https://rec.example.com/library#recording-" + id;
    assertThat(mail.text()).contains("is ready to watch", "Room:        room-1", "File:        call.webm",
        "Duration:    0:03", "Recorded at: 2026-05-01 12:00 UTC", "Expires at:  2026-05-03 12:00 UTC",
        "Watch it: " + link);
    assertThat(mail.html()).contains("<a href=\"" + link + "\">Watch it</a>", "<td>room-1</td>");
  }

  @Test
  void theOwnerOfAnUploadTheSweepSalvagedIsEmailedWhenItIsReadyAsForAnyRecording() {
    Recordings recordings = recordings();
    MultipartTicket gone = recordings.multipartUpload().start(new StartMultipartCommand(ALICE, RoomId.of("room-1"),
        Optional.of("call.webm"), ContentType.DEFAULT, Set.of()));
    storage.putPart(gone.uploadId(), 1, "MEDIA the first minutes".getBytes(StandardCharsets.UTF_8));
    clock.advance(Duration.ofDays(1).plusHours(1));
    assertThat(recordings.sweep().sweep().salvaged()).isEqualTo(1);
    drain(recordings);

    assertThat(mailer.sent()).singleElement().satisfies(mail -> {
      assertThat(mail.subject()).isEqualTo("Your recording is ready: call.webm");
      assertThat(mail.text()).contains("Watch it: https://rec.example.com/library#recording-" + gone.recordingId());
    });
  }

  @Test
  void aProcessingFailureSaysTheOriginalIsStillThere() {
    Recordings recordings = recordings();
    media.failNext("probe", new MediaProcessingException(Reason.NOT_MEDIA, "not a video"));
    complete(recordings, ALICE, "call.webm");
    drain(recordings);

    MailMessage mail = mailer.sent().get(0);
    assertThat(mail.subject()).isEqualTo("Your recording could not be processed: call.webm");
    assertThat(mail.text()).contains("(not_media: not a video)", "The original recording is still there", "Duration:    unknown");
  }

  @Test
  void whatTheRecordingCarriesIsEscapedInTheHtmlPart() {
    Recordings recordings = recordings();
    complete(recordings, ALICE, "<b>&x.webm");
    drain(recordings);

    MailMessage mail = mailer.sent().get(0);
    assertThat(mail.html()).contains("&lt;b&gt;&amp;x.webm").doesNotContain("<b>");
    assertThat(mail.text()).contains("<b>&x.webm");
    assertThat(Html.escape("'\"<>&")).isEqualTo("&#39;&quot;&lt;&gt;&amp;");
  }

  @Test
  void anOwnerWhoIsNoEmailAddressGetsNoMailJob() {
    Recordings recordings = recordings();
    complete(recordings, UserId.ofSubject("7f3c"), "call.webm");
    complete(recordings, UserId.of("bob"), "call.webm");
    drain(recordings);

    assertThat(mailer.sent()).isEmpty();
    assertThat(queue.enqueuedKinds()).doesNotContain(JobKind.SEND_EMAIL);
  }

  @Test
  void withoutEventsOrWithoutAMailerNothingIsQueued() {
    Recordings noEvents = builder().mail(mailer, PUBLIC).build();
    complete(noEvents, ALICE, "call.webm");
    drain(noEvents);
    Recordings noMail = builder().events(outbox, new InMemoryWebhookEndpoints(), new ScriptedWebhookSender()).build();
    complete(noMail, ALICE, "call.webm");
    drain(noMail);

    assertThat(mailer.sent()).isEmpty();
    assertThat(queue.enqueuedKinds()).doesNotContain(JobKind.SEND_EMAIL);
  }

  @Test
  void aMailServiceThatIsDownDelaysTheMailWithABackoffAndTheRecordingIsReadyMeanwhile() {
    Recordings recordings = recordings();
    mailer.answerNext(new MailOutcome.Failed("connection refused"));
    mailer.answerNext(new MailOutcome.Failed("connection refused"));
    RecordingId id = complete(recordings, ALICE, "call.webm");
    drain(recordings);
    assertThat(mailer.sent()).hasSize(1);
    assertThat(recordings.getRecording().get(ALICE, id).recording().status().name()).isEqualTo("COMPLETED");

    clock.advance(Duration.ofSeconds(59));
    drain(recordings);
    assertThat(mailer.sent()).as("the first retry waits a minute").hasSize(1);
    clock.advance(Duration.ofSeconds(2));
    drain(recordings);
    assertThat(mailer.sent()).hasSize(2);
    clock.advance(Duration.ofMinutes(3));
    drain(recordings);
    assertThat(mailer.sent()).as("the second waits four").hasSize(2);
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    drain(recordings);
    assertThat(mailer.sent()).hasSize(3);
    assertThat(queue.dead(10)).extracting(dead -> dead.job().kind()).doesNotContain(JobKind.SEND_EMAIL);
  }

  @Test
  void aMailJobLeasedByAWorkerWithoutAMailerWaitsTheMailBackoffForOneThatHasOne() {
    Recordings mailing = recordings();
    complete(mailing, ALICE, "call.webm");
    while (queue.enqueuedKinds().stream().noneMatch(JobKind.SEND_EMAIL::equals)) {
      mailing.jobs().runNext();
    }
    Recordings notMailing = builder().events(outbox, new InMemoryWebhookEndpoints(), new ScriptedWebhookSender())
        .build();
    drain(notMailing);
    assertThat(mailer.sent()).isEmpty();
    clock.advance(Duration.ofSeconds(59));
    drain(mailing);
    assertThat(mailer.sent()).as("a minute after the failed attempt").isEmpty();
    clock.advance(Duration.ofSeconds(2));
    drain(mailing);
    assertThat(mailer.sent()).hasSize(1);
  }

  @Test
  void theRetryWaitGrowsFourfoldUpToAnHour() {
    assertThat(JobPolicy.defaults().retryWait(JobKind.SEND_EMAIL, 1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(JobPolicy.defaults().retryWait(JobKind.SEND_EMAIL, 3)).isEqualTo(Duration.ofMinutes(16));
    assertThat(JobPolicy.defaults().retryWait(JobKind.SEND_EMAIL, 4)).isEqualTo(Duration.ofHours(1));
    assertThat(JobPolicy.defaults().retryWait(JobKind.SEND_EMAIL, 40)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void onlyAVerifiedEmailFormIsAnAddress() {
    assertThat(EmailAddress.of(UserId.of("ada@example.com"))).isPresent();
    assertThat(EmailAddress.of(UserId.ofSubject("ada@example.com"))).isEmpty();
    assertThat(EmailAddress.of(UserId.of("ada"))).isEmpty();
    assertThat(EmailAddress.of(UserId.of("ada@localhost"))).isEmpty();
    assertThat(EmailAddress.of(UserId.of("a,b@example.com"))).isEmpty();
    assertThat(EmailAddress.of(UserId.of("<a>@example.com"))).isEmpty();
  }
}
