package io.chatvideo.recording.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookDelivery.Outcome;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookRetrySchedule;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.MultipartTicket;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.StartMultipartCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import io.chatvideo.recording.core.testing.FakeMediaProcessor;
import io.chatvideo.recording.core.testing.InMemoryEventOutbox;
import io.chatvideo.recording.core.testing.InMemoryJobQueue;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.InMemoryWebhookEndpoints;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.core.testing.ScriptedWebhookSender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events written with the changes they report, and their delivery to webhooks, over the fakes and a moved clock. */
class EventsTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final WebhookRetrySchedule SCHEDULE =
      new WebhookRetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)));

  @TempDir
  Path work;

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryRecordingRepository repository = new InMemoryRecordingRepository();
  private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
  private final InMemoryJobQueue queue = new InMemoryJobQueue(3);
  private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(repository, queue);
  private final InMemoryWebhookEndpoints endpoints = new InMemoryWebhookEndpoints();
  private final ScriptedWebhookSender sender = new ScriptedWebhookSender();
  private final FakeMediaProcessor media = new FakeMediaProcessor();

  private Recordings recordings(ProcessingPolicy processing) {
    return Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger()).clock(clock)
        .retention(new RetentionPolicy(Duration.ofDays(2)))
        .jobs(queue).media(media).processing(processing).workDirectory(work)
        .events(outbox, endpoints, sender).webhookRetries(SCHEDULE).webhookUrls(new WebhookUrlPolicy(true))
        .build();
  }

  private RecordingId complete(Recordings recordings) {
    return CompletedUpload.complete(recordings, storage, ALICE, "call \"1\".webm", "MEDIA call");
  }

  private static void drain(Recordings recordings) {
    while (recordings.jobs().runNext()) {
      // each call runs one due job
    }
  }

  private List<EventType> types() {
    return outbox.events().stream().map(RecordingEvent::type).toList();
  }

  @Test
  void aCompletionIsWrittenWithItsEventAndTheEndpointGetsIt() {
    Recordings recordings = recordings(ProcessingPolicy.off());
    WebhookEndpoint endpoint = recordings.webhooks().add("https://hooks.example.com/in", Set.of());
    RecordingId id = complete(recordings);

    assertThat(types()).containsExactly(EventType.RECORDING_COMPLETED);
    RecordingEvent event = outbox.events().get(0);
    assertThat(event.body()).startsWith("{\"type\":\"recording.completed\",\"timestamp\":\"2026-05-01T12:00:00Z\","
        + "\"data\":{\"recording_id\":\"" + id + "\",\"room_id\":\"room-1\"")
        .contains("\"status\":\"COMPLETED\"", "\"size\":10", "\"processing\":\"off\"")
        .doesNotContain("url");

    drain(recordings);
    assertThat(sender.sent()).singleElement().satisfies(sent -> {
      assertThat(sent.endpoint().id()).isEqualTo(endpoint.id());
      assertThat(sent.event()).isEqualTo(event);
    });
    assertThat(recordings.webhooks().deliveries(endpoint.id(), 10)).extracting(WebhookDelivery::outcome)
        .containsExactly(Outcome.DELIVERED);
    assertThat(queue.enqueuedKinds()).as("the publish job makes the first attempt itself")
        .containsExactly(JobKind.PUBLISH_EVENT);
  }

  @Test
  void anUploadTheSweepSalvagedIsAnnouncedAsAPartialCompletionAndProcessedToReady() {
    Recordings recordings = recordings(ProcessingPolicy.on());
    recordings.webhooks().add("https://hooks.example.com/in", Set.of());
    MultipartTicket gone = recordings.multipartUpload().start(new StartMultipartCommand(ALICE, RoomId.of("room-1"),
        Optional.of("call.webm"), ContentType.DEFAULT, Set.of()));
    storage.putPart(gone.uploadId(), 1, "MEDIA the first minutes".getBytes(StandardCharsets.UTF_8));
    clock.advance(Duration.ofDays(1).plusHours(1));

    assertThat(recordings.sweep().sweep().salvaged()).isEqualTo(1);
    drain(recordings);

    assertThat(types()).containsExactly(EventType.RECORDING_COMPLETED, EventType.RECORDING_READY);
    assertThat(outbox.events()).allSatisfy(event -> assertThat(event.body())
        .contains("\"recording_id\":\"" + gone.recordingId() + "\"", "\"status\":\"COMPLETED\"",
            "\"partial\":true,\"partial_reason\":\"client_gone\""));
    assertThat(outbox.events().get(0).body()).contains("\"processing\":\"queued\"");
    assertThat(outbox.events().get(1).body()).contains("\"processing\":\"ready\"");
    assertThat(sender.sent()).hasSize(2);
  }

  @Test
  void aWholeCompletionSaysItIsNotPartial() {
    complete(recordings(ProcessingPolicy.off()));

    assertThat(outbox.events().get(0).body()).contains("\"partial\":false").doesNotContain("partial_reason");
  }

  @Test
  void aRetryThatCannotBeQueuedFailsThePublishWhichSendsToEveryEndpointAgainWithTheSameId() {
    Recordings recordings = recordings(ProcessingPolicy.off());
    WebhookEndpoint one = recordings.webhooks().add("https://one.example.com/in", Set.of());
    WebhookEndpoint two = recordings.webhooks().add("https://two.example.com/in", Set.of());
    sender.answerNext(new WebhookResponse.Failed("HTTP 503", Duration.ofMillis(10)));
    queue.refuseNext(JobKind.DELIVER_WEBHOOK);
    complete(recordings);
    drain(recordings);
    assertThat(sender.sent()).as("the other endpoint still gets its attempt").hasSize(2);
    assertThat(queue.dead(10)).isEmpty();

    clock.advance(Duration.ofDays(1));
    drain(recordings);
    assertThat(sender.sent()).as("the publish job ran again: duplicates, at least once").hasSize(4)
        .extracting(s -> s.endpoint().id()).containsOnly(one.id(), two.id());
    assertThat(sender.sent()).extracting(s -> s.event().id()).containsOnly(outbox.events().get(0).id());
    assertThat(recordings.webhooks().deliveries(one.id(), 10)).extracting(WebhookDelivery::outcome)
        .contains(Outcome.DELIVERED);
    assertThat(recordings.webhooks().deliveries(two.id(), 10)).extracting(WebhookDelivery::outcome)
        .contains(Outcome.DELIVERED);
    assertThat(queue.enqueuedKinds()).as("nothing left to retry").containsExactly(JobKind.PUBLISH_EVENT);
  }

  @Test
  void processingReportsReadyAndAFinalFailureReportsProcessingFailed() {
    Recordings recordings = recordings(ProcessingPolicy.on());
    complete(recordings);
    drain(recordings);
    assertThat(types()).containsExactly(EventType.RECORDING_COMPLETED, EventType.RECORDING_READY);
    assertThat(outbox.events().get(1).body()).contains("\"processing\":\"ready\"", "\"width\":1280",
        "\"duration_ms\":3210");

    media.failNext("probe", new MediaProcessingException(Reason.NOT_MEDIA, "not a video"));
    complete(recordings);
    drain(recordings);
    assertThat(types()).endsWith(EventType.RECORDING_COMPLETED, EventType.RECORDING_PROCESSING_FAILED);
    assertThat(outbox.events().get(3).body()).contains("\"processing_error\":\"not_media: not a video\"");
  }

  @Test
  void deletionAndExpiryAreReportedButAnUnfinishedUploadIsNot() {
    Recordings recordings = recordings(ProcessingPolicy.off());
    RecordingId deleted = complete(recordings);
    complete(recordings);
    recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, RoomId.of("room-1"), Optional.empty(),
        ContentType.DEFAULT, OptionalLong.of(5), Set.of()));
    recordings.deleteRecording().delete(ALICE, deleted);
    assertThat(outbox.events().get(2).type()).isEqualTo(EventType.RECORDING_DELETED);
    assertThat(outbox.events().get(2).body()).contains(deleted.toString());

    clock.advance(Duration.ofDays(3));
    recordings.sweep().sweep();
    assertThat(types()).containsExactly(EventType.RECORDING_COMPLETED, EventType.RECORDING_COMPLETED,
        EventType.RECORDING_DELETED, EventType.RECORDING_EXPIRED);
  }

  @Test
  void aFailedDeliveryIsRetriedOnTheScheduleWithTheSameEventAndThenIsDead() {
    Recordings recordings = recordings(ProcessingPolicy.off());
    WebhookEndpoint endpoint = recordings.webhooks().add("https://hooks.example.com/in", Set.of());
    for (int i = 0; i < 3; i++) {
      sender.answerNext(new WebhookResponse.Failed("HTTP 500", Duration.ofMillis(10)));
    }
    complete(recordings);
    drain(recordings);
    assertThat(sender.sent()).hasSize(1);

    clock.advance(Duration.ofSeconds(4));
    drain(recordings);
    assertThat(sender.sent()).as("the first retry waits 5 s").hasSize(1);
    clock.advance(Duration.ofSeconds(2));
    drain(recordings);
    assertThat(sender.sent()).hasSize(2);
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    drain(recordings);
    assertThat(sender.sent()).hasSize(3);
    clock.advance(Duration.ofDays(1));
    drain(recordings);
    assertThat(sender.sent()).as("two retries, then dead").hasSize(3);
    assertThat(sender.sent()).extracting(s -> s.event().id()).containsOnly(outbox.events().get(0).id());
    assertThat(recordings.webhooks().deliveries(endpoint.id(), 10)).extracting(WebhookDelivery::outcome)
        .containsExactly(Outcome.DEAD, Outcome.RETRYING, Outcome.RETRYING);
    assertThat(queue.enqueuedKinds()).as("only the retries are delivery jobs")
        .containsExactly(JobKind.PUBLISH_EVENT, JobKind.DELIVER_WEBHOOK, JobKind.DELIVER_WEBHOOK);
  }

  @Test
  void goneDisablesTheEndpoint() {
    Recordings recordings = recordings(ProcessingPolicy.off());
    WebhookEndpoint endpoint = recordings.webhooks().add("https://hooks.example.com/in", Set.of());
    sender.answerNext(new WebhookResponse.Gone(Duration.ofMillis(3)));
    complete(recordings);
    drain(recordings);
    complete(recordings);
    drain(recordings);
    assertThat(sender.sent()).hasSize(1);
    assertThat(endpoints.find(endpoint.id()).orElseThrow().disabled()).hasValueSatisfying(
        why -> assertThat(why).contains("410"));
  }

  @Test
  void anEndpointGetsOnlyTheEventsItSubscribedTo() {
    Recordings recordings = recordings(ProcessingPolicy.on());
    recordings.webhooks().add("https://hooks.example.com/ready", Set.of(EventType.RECORDING_READY));
    complete(recordings);
    drain(recordings);
    assertThat(sender.sent()).extracting(s -> s.event().type()).containsExactly(EventType.RECORDING_READY);
  }

  @Test
  void aTestEventGoesToTheOneEndpoint() {
    Recordings recordings = recordings(ProcessingPolicy.off());
    WebhookEndpoint one = recordings.webhooks().add("https://one.example.com/in", Set.of());
    recordings.webhooks().add("https://two.example.com/in", Set.of());
    recordings.webhooks().test(one.id());
    drain(recordings);
    assertThat(sender.sent()).singleElement().satisfies(s -> {
      assertThat(s.endpoint().id()).isEqualTo(one.id());
      assertThat(s.event().body()).startsWith("{\"type\":\"webhook.test\"");
    });
  }

  @Test
  void rotationSignsWithTheNewSecretAndThePreviousOne() {
    Recordings recordings = recordings(ProcessingPolicy.off());
    WebhookEndpoint endpoint = recordings.webhooks().add("https://hooks.example.com/in", Set.of());
    var fresh = recordings.webhooks().rotateSecret(endpoint.id());
    assertThat(endpoints.find(endpoint.id()).orElseThrow().secrets()).containsExactly(fresh,
        endpoint.secrets().get(0));
  }

  @Test
  void badEndpointsAreRefusedNamingTheProblem() {
    Recordings https = Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger()).clock(clock).jobs(queue)
        .events(outbox, endpoints, sender).build();
    assertThatThrownBy(() -> https.webhooks().add("http://hooks.example.com/in", Set.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("https");
    assertThatThrownBy(() -> https.webhooks().add("http://127.0.0.1:9/in", Set.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("recording.webhook.allow-loopback=true");
    assertThatThrownBy(() -> EventType.parse("recording.exploded"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown event 'recording.exploded'");
    assertThatThrownBy(() -> new io.chatvideo.recording.core.domain.WebhookSecret("sk_abc"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("whsec_");
  }
}
