package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.in.SweepUseCase.SweepReport;
import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.ForwardingJobQueue;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Events on DynamoDB Local, S3Proxy and ElasticMQ: the change and its event in one transaction,
 * the publish job on SQS, the relay for a job that was never sent, and {@code recording.expired}
 * written by the sweep before DynamoDB's TTL could delete the item. Each test owns its table,
 * bucket and queue; the core's clock is the test's (only SigV4 and SQS go by the wall clock).
 */
@ExtendWith({AwsStandIns.class, SqsStandIn.class})
class DynamoDbEventOutboxIT {

  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final RoomId ROOM = RoomId.of("room-events");
  private static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");
  private static final Duration RETENTION = Duration.ofDays(1);

  private final DynamoDbClient dynamoDb = AwsStandIns.dynamoDbClient();
  private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  private String name;
  private AwsBackend aws;
  private JobQueue jobs;

  @BeforeEach
  void bootstrap() {
    name = "events-" + UUID.randomUUID().toString().substring(0, 8);
    aws = AwsBackend.create(AwsStandIns.settings(name, name).withQueue(name, Optional.of(SqsStandIn.endpoint())),
        AwsStandIns.credentials());
    aws.infrastructure().bootstrap(RETENTION, List.of());
    jobs = aws.jobs(AwsBackend.DEFAULT_JOB_ATTEMPTS).orElseThrow();
  }

  @AfterEach
  void close() {
    aws.close();
    dynamoDb.close();
    AwsStandIns.deleteTable(name);
  }

  @Test
  void aCompletionWritesItsEventWithTheRecordingAndQueuesItsPublishJob() {
    EventOutbox outbox = aws.events(jobs);
    CompletedRecording completed = upload(recordings(outbox));

    JobLease publish = jobs.lease(clock.instant(), Duration.ofMinutes(1)).orElseThrow();
    assertThat(publish.job().kind()).isEqualTo(JobKind.PUBLISH_EVENT);
    RecordingEvent event = outbox.find(new EventId(publish.job().subject())).orElseThrow();
    assertThat(event.type()).isEqualTo(EventType.RECORDING_COMPLETED);
    assertThat(event.body()).contains(completed.id().toString());
    assertThat(pendingEvents()).as("published: out of the pending index").isEmpty();
    assertThat(outbox.relay(clock.instant().plus(Duration.ofHours(1)))).as("nothing left to relay").isZero();
  }

  @Test
  void aFailedConditionCancelsTheEventWithTheChange() {
    EventOutbox outbox = aws.events(jobs);
    CompletedRecording completed = upload(recordings(outbox));
    jobs.complete(jobs.lease(clock.instant(), Duration.ofMinutes(1)).orElseThrow());
    RecordingEvent stale = new RecordingEvent(EventId.random(), EventType.RECORDING_COMPLETED, clock.instant(),
        "{\"type\":\"recording.completed\"}");

    assertThatThrownBy(() -> outbox.replace(completed, RecordingStatus.PENDING, stale))
        .isInstanceOf(ConflictException.class).hasMessageContaining("is no longer PENDING");

    assertThat(outbox.find(stale.id())).as("no event without its change").isEmpty();
    assertThat(pendingEvents()).isEmpty();
    assertThat(jobs.lease(clock.instant(), Duration.ofMinutes(1))).as("and no publish job").isEmpty();
  }

  @Test
  void theSweepRelaysAnEventWhoseSendNeverHappenedOnceItIsAMinuteOld() {
    CompletedRecording completed = upload(recordings(aws.events(new UnreachableQueue(jobs))));
    EventOutbox outbox = aws.events(jobs);
    assertThat(jobs.lease(clock.instant(), Duration.ofMinutes(1))).as("the send failed").isEmpty();
    assertThat(pendingEvents()).hasSize(1);

    assertThat(outbox.relay(clock.instant().plusSeconds(30))).as("maybe still on its way").isZero();
    clock.advance(DynamoDbEventOutbox.RELAY_AFTER.plusSeconds(1));
    assertThat(recordings(outbox).sweep().sweep().eventsRelayed()).as("the sweep's relay").isEqualTo(1);

    JobLease publish = jobs.lease(clock.instant(), Duration.ofMinutes(1)).orElseThrow();
    assertThat(publish.job().kind()).isEqualTo(JobKind.PUBLISH_EVENT);
    RecordingEvent event = outbox.find(new EventId(publish.job().subject())).orElseThrow();
    assertThat(event.type()).isEqualTo(EventType.RECORDING_COMPLETED);
    assertThat(event.body()).contains(completed.id().toString());
    assertThat(pendingEvents()).isEmpty();
    assertThat(outbox.relay(clock.instant().plus(Duration.ofHours(1)))).as("relayed once").isZero();
  }

  @Test
  void aRecordingPastItsExpiryButBeforeItsTtlIsHiddenThenSweptWithItsExpiredEvent() {
    Recordings recordings = recordings(aws.events(jobs));
    CompletedRecording completed = upload(recordings);
    jobs.complete(jobs.lease(clock.instant(), Duration.ofMinutes(1)).orElseThrow());
    Instant expiresAt = completed.details().expiresAt();
    Map<String, AttributeValue> item = dynamoDb.query(q -> q.tableName(name)
        .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk",
            AttributeValue.fromS("RECORDING#" + completed.id())))).items().get(0);
    assertThat(Long.parseLong(item.get("ttl").n())).as("TTL three days behind the expiry")
        .isEqualTo(RetentionPolicy.ttlEpochSeconds(expiresAt.plus(Duration.ofDays(3))));

    clock.set(expiresAt.plusSeconds(60));
    assertThatThrownBy(() -> recordings.getRecording().get(ALICE, completed.id()))
        .as("past expires_at the API hides it, though the item is there").isInstanceOf(RecordingNotFoundException.class);
    SweepReport report = recordings.sweep().sweep();

    assertThat(report.expiredRemoved()).isEqualTo(1);
    assertThat(aws.repository().find(completed.id())).isEmpty();
    JobLease publish = jobs.lease(clock.instant(), Duration.ofMinutes(1)).orElseThrow();
    assertThat(publish.job().kind()).isEqualTo(JobKind.PUBLISH_EVENT);
    RecordingEvent expired = aws.events(jobs).find(new EventId(publish.job().subject())).orElseThrow();
    assertThat(expired.type()).isEqualTo(EventType.RECORDING_EXPIRED);
    assertThat(expired.body()).contains(completed.id().toString());
  }

  private Recordings recordings(EventOutbox outbox) {
    return Recordings.builder().repository(aws.repository()).storage(aws.storage()).ledger(aws.ledger()).clock(clock)
        .retention(new RetentionPolicy(RETENTION)).jobs(jobs)
        .events(outbox, aws.webhookEndpoints(), (endpoint, event, now) -> new WebhookResponse.Delivered(200,
            Duration.ZERO))
        .build();
  }

  private CompletedRecording upload(Recordings recordings) {
    byte[] video = S3ObjectStorageIT.bytes(4096);
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.of("events.webm"), WEBM, OptionalLong.of(video.length), Set.of()));
    assertThat(PresignedHttp.send(ticket.upload(), video).statusCode()).isEqualTo(200);
    return recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(),
        Optional.empty(), Optional.of(Duration.ofSeconds(3))));
  }

  private List<Map<String, AttributeValue>> pendingEvents() {
    return dynamoDb.query(q -> q.tableName(name).indexName(DynamoDbEventOutbox.BY_PENDING)
        .keyConditionExpression("GSI3PK = :pending")
        .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(DynamoDbEventOutbox.PENDING_PARTITION))))
        .items();
  }

  /** SQS down at the moment of the send: the transaction is written, the publish job is not. */
  private static final class UnreachableQueue extends ForwardingJobQueue {

    UnreachableQueue(JobQueue queue) {
      super(queue);
    }

    @Override
    public JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
      throw new StorageUnavailableException("the job queue is unreachable (SQS SendMessage: test)");
    }
  }
}
