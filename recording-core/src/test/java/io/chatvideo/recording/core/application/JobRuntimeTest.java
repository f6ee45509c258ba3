package io.chatvideo.recording.core.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobPolicy;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.port.in.JobWorkers;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.testing.Await;
import io.chatvideo.recording.core.testing.FakeMediaProcessor;
import io.chatvideo.recording.core.testing.InMemoryEventOutbox;
import io.chatvideo.recording.core.testing.InMemoryJobQueue;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import io.chatvideo.recording.core.testing.InMemoryWebhookEndpoints;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.core.testing.ScriptedMailer;
import io.chatvideo.recording.core.testing.ScriptedWebhookSender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job runtime around the jobs: a running job's lease renewed, a stop that gives its jobs back
 * at once, mail and webhooks as two consumers of an event, events forgotten after their retention.
 * Real threads where the runtime has them (the heartbeat, the workers); the clock is the test's.
 */
@Timeout(60)
class JobRuntimeTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final UserId ALICE = UserId.of("alice@example.com");
  /** The shortest lease there is: a heartbeat every 2 s of real time. */
  private static final JobPolicy SHORT = new JobPolicy(Duration.ofSeconds(6), Duration.ofSeconds(30),
      JobPolicy.DEFAULT_MAIL_RETRY_BASE);

  @TempDir
  Path work;

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryRecordingRepository repository = new InMemoryRecordingRepository();
  private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
  private final InMemoryJobQueue queue = new InMemoryJobQueue(3);
  private final FakeMediaProcessor media = new FakeMediaProcessor();

  private Recordings.Builder builder() {
    return Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger()).clock(clock)
        .retention(new RetentionPolicy(Duration.ofDays(60)))
        .jobs(queue).media(media).processing(ProcessingPolicy.on()).workDirectory(work).jobPolicy(SHORT);
  }

  @Test
  void aJobThatOutlastsItsLeaseKeepsItByRenewingIt() {
    Recordings recordings = builder().build();
    media.beforeNext("probe", () -> Await.until("a renewal of the running job's lease", Duration.ofSeconds(20),
        () -> queue.extended() >= 1 ? Optional.of(true) : Optional.empty()));
    RecordingId id = complete(recordings);

    assertThat(recordings.jobs().runNext()).isTrue();

    assertThat(state(id)).isEqualTo(ProcessingState.READY);
    assertThat(queue.extended()).isPositive();
    assertThat(queue.lease(clock.instant(), SHORT.lease())).as("done, not back in the queue").isEmpty();
  }

  @Test
  void aStopGivesTheJobItInterruptedBackAtOnceRatherThanAtItsRetryTime() throws InterruptedException {
    Recordings recordings = builder().build();
    CountDownLatch started = new CountDownLatch(1);
    media.beforeNext("probe", () -> {
      started.countDown();
      try {
        Thread.sleep(Duration.ofMinutes(1).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("ffmpeg was stopped");
      }
    });
    RecordingId id = complete(recordings);
    JobWorkers workers = recordings.startWorkers(1, "stop", JobWorkers.Until.STOPPED, JobWorkers.IDLE, e -> { });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    workers.stop(Duration.ZERO, Duration.ofSeconds(10));

    assertThat(workers.running()).isZero();
    assertThat(queue.released()).isEqualTo(1);
    assertThat(queue.dead(10)).isEmpty();
    assertThat(queue.lease(clock.instant(), SHORT.lease())).as("due at once for the next worker")
        .hasValueSatisfying(lease -> assertThat(lease.job().subject()).isEqualTo(id.toString()));
  }

  @Test
  void aJobStillRunningAfterTheGraceIsHandedBackAndItsLateAnswerChangesNothing() throws InterruptedException {
    Recordings recordings = builder().build();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    media.beforeNext("probe", () -> {
      started.countDown();
      // Deaf to the interrupt, as a blocking call can be.
      boolean interrupted = false;
      while (finish.getCount() > 0) {
        try {
          finish.await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    });
    complete(recordings);
    JobWorkers workers = recordings.startWorkers(1, "deaf", JobWorkers.Until.STOPPED, JobWorkers.IDLE, e -> { });
    assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(workers.stop(Duration.ZERO, Duration.ofMillis(100))).as("interrupted").isEqualTo(1);

    assertThat(queue.released()).as("handed back after the grace").isEqualTo(1);
    var again = queue.lease(clock.instant(), Duration.ofMinutes(5));
    assertThat(again).as("due at once").isPresent();
    finish.countDown();
    workers.join();
    assertThat(queue.lease(clock.instant().plus(Duration.ofMinutes(10)), SHORT.lease()))
        .as("the late answer of the first lease did not complete the job of the second")
        .hasValueSatisfying(lease -> assertThat(lease.attempt()).isEqualTo(3));
  }

  @Test
  void theOwnersMailIsQueuedEvenWhenThePublishOfTheEventFailsForTheWebhooks() {
    InMemoryEventOutbox outbox = new InMemoryEventOutbox(repository, queue);
    ScriptedWebhookSender sender = new ScriptedWebhookSender();
    ScriptedMailer mailer = new ScriptedMailer();
    Recordings recordings = builder().events(outbox, new InMemoryWebhookEndpoints(), sender)
        .webhookUrls(new io.chatvideo.recording.core.domain.WebhookUrlPolicy(true))
        .mail(mailer, HttpUrl.parse("https://rec.example.com/")).build();
    recordings.webhooks().add("https://hooks.example.com/in", Set.of());
    complete(recordings);
    assertThat(recordings.jobs().runNext()).as("the completed event's publish").isTrue();
    assertThat(recordings.jobs().runNext()).as("processing").isTrue();
    sender.answerNext(new WebhookResponse.Failed("HTTP 503", Duration.ofMillis(10)));
    queue.refuseNext(JobKind.DELIVER_WEBHOOK);

    assertThat(recordings.jobs().runNext()).as("the ready event's publish, whose webhook retry cannot be queued")
        .isTrue();

    assertThat(queue.enqueuedKinds()).as("the mail job, whatever the webhooks answered").contains(JobKind.SEND_EMAIL);
    while (recordings.jobs().runNext()) {
      // the mail job, and nothing is due after it
    }
    assertThat(mailer.sent()).hasSize(1);
  }

  @Test
  void theSweepForgetsEventsOlderThanTheirRetention() {
    InMemoryEventOutbox outbox = new InMemoryEventOutbox(repository, queue);
    Recordings recordings = builder().events(outbox, new InMemoryWebhookEndpoints(), new ScriptedWebhookSender())
        .eventRetention(Duration.ofDays(7)).build();
    complete(recordings);
    assertThat(outbox.events()).hasSize(1);

    clock.advance(Duration.ofDays(7).minusSeconds(1));
    recordings.sweep().sweep();
    assertThat(outbox.events()).as("a second before its retention ends").hasSize(1);

    clock.advance(Duration.ofSeconds(2));
    recordings.sweep().sweep();
    assertThat(outbox.events()).as("past its retention").isEmpty();
  }

  private RecordingId complete(Recordings recordings) {
    return CompletedUpload.complete(recordings, storage, ALICE, "call.webm", "MEDIA call");
  }

  private ProcessingState state(RecordingId id) {
    return ((CompletedRecording) repository.find(id).orElseThrow()).processing().state();
  }

}
