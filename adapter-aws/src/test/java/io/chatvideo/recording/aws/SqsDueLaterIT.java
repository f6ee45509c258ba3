package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.core.domain.Job;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Jobs due later than SQS's 15-minute delay ceiling, on ElasticMQ, with the queue's clock the
 * test's. A message whose delay ran out before its {@code due_at} (its first hop of a two-hour
 * wait, say) is sent as the queue sends it, then leased early: it is put back with the time left.
 * SQS's own clock runs for real, so the one short wait (two seconds) is waited out.
 */
@ExtendWith(SqsStandIn.class)
class SqsDueLaterIT {

  private final SqsClient sqs = SqsStandIn.client();
  private final MutableClock clock = new MutableClock(Instant.now());
  private String name;
  private String url;
  private SqsJobQueue queue;

  @BeforeEach
  void create() {
    name = "due-" + UUID.randomUUID().toString().substring(0, 8);
    SqsJobQueue.create(sqs, name, 5);
    queue = SqsJobQueue.existing(sqs, name, 5, clock);
    url = sqs.getQueueUrl(g -> g.queueName(name)).queueUrl();
  }

  @AfterEach
  void closeClient() {
    sqs.close();
  }

  @Test
  void aJobDueInTwoHoursIsSentDelayedAndNotLeasedBeforeThen() {
    Instant now = clock.instant();
    queue.enqueue(JobKind.DELIVER_WEBHOOK, "ep_1:evt_1:4", now, now.plus(Duration.ofHours(2)));

    assertThat(queue.lease(now, Duration.ofSeconds(30))).isEmpty();
    assertThat(counts()).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, 1)
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, 0);
  }

  @Test
  void aJobLeasedTwoHoursEarlyIsPutBackDelayedAndNotRun() {
    Job job = sendDue(clock.instant().plus(Duration.ofHours(2)));

    assertThat(queue.lease(clock.instant(), Duration.ofSeconds(30))).as("not due: put back").isEmpty();

    assertThat(counts()).as("one message, waiting its next hop; the early copy deleted")
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED, 1)
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, 0)
        .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, 0);
    assertThat(job.kind()).isEqualTo(JobKind.DELIVER_WEBHOOK);
  }

  @Test
  void aJobPutBackWaitsOnlyTheTimeLeftAndIsThenLeasedAsItsFirstAttempt() throws InterruptedException {
    Instant dueAt = clock.instant().plusSeconds(2);
    Job job = sendDue(dueAt);

    assertThat(queue.lease(clock.instant(), Duration.ofSeconds(30))).isEmpty();
    assertThat(queue.lease(clock.instant(), Duration.ofSeconds(30))).as("delayed by the two seconds left").isEmpty();
    Thread.sleep(2_500);
    clock.set(dueAt);
    Optional<JobLease> lease = queue.lease(clock.instant(), Duration.ofSeconds(30));

    assertThat(lease).isPresent();
    assertThat(lease.get().job()).isEqualTo(job);
    assertThat(lease.get().attempt()).as("waiting was no attempt").isEqualTo(1);
  }

  /** A message as the queue sends a job due later than a delay reaches, its delay run out. */
  private Job sendDue(Instant dueAt) {
    Job job = new Job(JobId.random(), JobKind.DELIVER_WEBHOOK, "ep_1:evt_1:4");
    sqs.sendMessage(s -> s.queueUrl(url).messageBody(SqsJobQueue.body(job)).messageAttributes(Map.of(
        SqsJobQueue.DUE_AT, MessageAttributeValue.builder().dataType("String").stringValue(dueAt.toString()).build())));
    return job;
  }

  private Map<QueueAttributeName, Integer> counts() {
    Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Map.of(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED,
        Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)),
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
        Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
  }
}
