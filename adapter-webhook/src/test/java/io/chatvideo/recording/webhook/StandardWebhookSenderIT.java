package io.chatvideo.recording.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookRetrySchedule;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.domain.WebhookUrlPolicy;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.testing.InMemoryEventOutbox;
import io.chatvideo.recording.core.testing.InMemoryJobQueue;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import io.chatvideo.recording.core.testing.InMemoryWebhookEndpoints;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.webhook.Receiver.Answer;
import io.chatvideo.recording.webhook.Receiver.Received;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries to a real receiver on 127.0.0.1, checked by the npm standardwebhooks package; the
 * retry schedule runs on the test's clock, the attempt's timeout (short, configured) on the wall.
 */
class StandardWebhookSenderIT {

  private static final Duration TIMEOUT = Duration.ofMillis(1500);
  private static final SecureRandom RANDOM = new SecureRandom();

  private Receiver receiver;
  private StandardWebhookSender sender;

  @BeforeEach
  void start() throws Exception {
    receiver = new Receiver();
    sender = StandardWebhookSender.create(new WebhookSettings(TIMEOUT, true, 4096));
  }

  @AfterEach
  void stop() throws Exception {
    sender.close();
    receiver.close();
  }

  private WebhookEndpoint endpoint(String url, WebhookSecret... secrets) {
    return new WebhookEndpoint(WebhookEndpointId.random(), HttpUrl.parse(url),
        secrets.length == 0 ? List.of(WebhookSecret.random(RANDOM)) : List.of(secrets), Set.of(),
        Instant.now(), Optional.empty());
  }

  private static RecordingEvent event() {
    return new RecordingEvent(EventId.random(), EventType.RECORDING_READY, Instant.now(),
        "{\"type\":\"recording.ready\",\"timestamp\":\"2026-05-01T12:00:00Z\",\"data\":{\"room_id\":\"caf\u00e9\"}}");
  }

  @Test
  void aDeliveryCarriesTheStandardHeadersAndVerifiesWithTheNpmLibraryForEverySecretOfARotation() throws Exception {
    WebhookSecret fresh = WebhookSecret.random(RANDOM);
    WebhookSecret previous = WebhookSecret.random(RANDOM);
    RecordingEvent event = event();

    WebhookResponse response = sender.send(endpoint(receiver.url("/hooks"), fresh, previous), event, Instant.now());

    assertThat(response).isInstanceOf(WebhookResponse.Delivered.class);
    Received got = receiver.next();
    assertThat(got.headers()).containsEntry("webhook-id", event.id().value())
        .containsEntry("content-type", "application/json; charset=UTF-8")
        .containsKey("webhook-timestamp");
    assertThat(got.headers().get("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
    assertThat(got.body()).isEqualTo(event.body());
    assertThat(NpmVerifier.verify(fresh.value(), got.headers(), got.body())).isEqualTo("verified");
    assertThat(NpmVerifier.verify(previous.value(), got.headers(), got.body())).isEqualTo("verified");
    assertThat(NpmVerifier.verify(WebhookSecret.random(RANDOM).value(), got.headers(), got.body()))
        .as("another secret does not verify").startsWith("refused");
    assertThat(NpmVerifier.verify(fresh.value(), got.headers(), got.body() + " "))
        .as("an altered body does not verify").startsWith("refused");
  }

  @Test
  void retriesAfterA500AndATimeoutKeepTheWebhookIdAndTheLastOneDelivers() throws Exception {
    MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    InMemoryRecordingRepository repository = new InMemoryRecordingRepository();
    InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
    InMemoryJobQueue queue = new InMemoryJobQueue(3);
    InMemoryWebhookEndpoints endpoints = new InMemoryWebhookEndpoints();
    Recordings recordings = Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger())
        .clock(clock).jobs(queue)
        .events(new InMemoryEventOutbox(repository, queue), endpoints, sender)
        .webhookRetries(new WebhookRetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5))))
        .webhookUrls(new WebhookUrlPolicy(true)).build();
    WebhookEndpoint endpoint = recordings.webhooks().add(receiver.url("/in"), Set.of());
    // The late answer comes 10 s after the client's timeout: a client thread starved for a second
    // on a loaded machine must still see a timeout, not the 204. Closing the receiver cuts the wait.
    receiver.answer(Answer.status(500), new Answer(204, TIMEOUT.toMillis() + 10_000, null));

    UserId alice = UserId.of("alice@example.com");
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(alice, RoomId.of("r"),
        Optional.empty(), ContentType.DEFAULT, OptionalLong.of(3), Set.of()));
    storage.put(ticket.objectKey(), new byte[] {1, 2, 3});
    recordings.completeUpload().complete(new CompleteUploadCommand(alice, ticket.recordingId(), Optional.empty(),
        Optional.empty()));
    runDue(recordings);
    clock.advance(Duration.ofSeconds(6));
    runDue(recordings);
    clock.advance(Duration.ofMinutes(6));
    runDue(recordings);

    List<Received> got = List.of(receiver.next(), receiver.next(), receiver.next());
    assertThat(got).extracting(r -> r.headers().get("webhook-id")).containsOnly(got.get(0).headers().get("webhook-id"));
    assertThat(got).extracting(Received::body).containsOnly(got.get(0).body());
    assertThat(got.get(0).body()).startsWith("{\"type\":\"recording.completed\"");
    List<WebhookDelivery> log = recordings.webhooks().deliveries(endpoint.id(), 10);
    assertThat(log).extracting(WebhookDelivery::outcome).containsExactly(WebhookDelivery.Outcome.DELIVERED,
        WebhookDelivery.Outcome.RETRYING, WebhookDelivery.Outcome.RETRYING);
    assertThat(((WebhookResponse.Failed) log.get(2).response()).error()).isEqualTo("HTTP 500");
    assertThat(((WebhookResponse.Failed) log.get(1).response()).error()).contains("within 1500 ms");
  }

  private static void runDue(Recordings recordings) {
    while (recordings.jobs().runNext()) {
      // one job per call
    }
  }

  @Test
  void goneIsReportedSoTheEndpointIsDisabled() {
    receiver.answer(Answer.status(410));
    assertThat(sender.send(endpoint(receiver.url("/in")), event(), Instant.now()))
        .isInstanceOf(WebhookResponse.Gone.class);
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    receiver.answer(new Answer(307, 0, receiver.url("/elsewhere")));
    WebhookResponse response = sender.send(endpoint(receiver.url("/in")), event(), Instant.now());
    assertThat(response).isInstanceOfSatisfying(WebhookResponse.Failed.class,
        failed -> assertThat(failed.error()).isEqualTo("HTTP 307 (redirects are not followed)"));
    assertThat(receiver.next().path()).isEqualTo("/in");
    assertThat(receiver.receivedSoFar()).isEmpty();
  }

  @Test
  void privateLinkLocalAndUnallowedLoopbackAddressesAreRefusedBeforeConnecting() throws Exception {
    assertRefused(sender, "https://10.1.2.3/hook", "10.1.2.3, a private address");
    assertRefused(sender, "https://169.254.169.254/latest/meta-data", "169.254.169.254, a link-local address");
    assertRefused(sender, "https://[fd00::1]/hook", "a private address");
    assertRefused(sender, "http://hooks.example.com/in", "a webhook URL is https");
    try (StandardWebhookSender strict = StandardWebhookSender.create(WebhookSettings.defaults(false))) {
      assertRefused(strict, receiver.url("/in"), "recording.webhook.allow-loopback=true");
      assertRefused(strict, "https://127.0.0.1:" + receiver.url("").replaceAll(".*:", "") + "/in",
          "127.0.0.1, a loopback address");
    }
    assertThat(receiver.receivedSoFar()).isEmpty();
  }

  private void assertRefused(StandardWebhookSender with, String url, String why) {
    assertThat(with.send(endpoint(url), event(), Instant.now())).isInstanceOfSatisfying(WebhookResponse.Failed.class,
        failed -> assertThat(failed.error()).startsWith("refused: ").contains(why));
  }
}
