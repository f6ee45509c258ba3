package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.Job;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The job queue on Amazon SQS: one standard queue for the jobs and one dead-letter queue, joined
 * by a redrive policy, so SQS itself moves a job whose leases keep ending unanswered (its worker
 * died each time) to the dead-letter queue after {@code maxAttempts} receives. A lease is a
 * receive with a visibility timeout; its receipt handle is the lease's receipt. SQS keeps its own
 * clock: the {@code now} arguments only stamp the dead-letter records.
 *
 * <p>A job failed for good is sent to the dead-letter queue by this class, with its reason and
 * attempts as message attributes, and deleted from the jobs queue. SQS answers a call with a
 * receipt the message has moved past as success or {@code ReceiptHandleIsInvalid}; either way the
 * message's current lease keeps it, so a stale lease changes nothing.
 */
public final class SqsJobQueue implements JobQueue {

  private static final String REASON = "reason";
  private static final String ATTEMPTS = "attempts";
  private static final String DIED_AT = "died_at";
  /** SQS's ceiling for a message's visibility timeout. */
  private static final Duration MAX_VISIBILITY = Duration.ofHours(12);
  /** SQS's ceiling for a message's delay: a job due later is leased after this. */
  private static final Duration MAX_DELAY = Duration.ofMinutes(15);

  private final SqsClient sqs;
  private final String jobsUrl;
  private final String deadUrl;
  private final int maxAttempts;

  private SqsJobQueue(SqsClient sqs, String jobsUrl, String deadUrl, int maxAttempts) {
    this.sqs = sqs;
    this.jobsUrl = jobsUrl;
    this.deadUrl = deadUrl;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Creates (or finds) the queue {@code name} and its dead-letter queue {@code name-dead}, with a
   * redrive policy of {@code maxAttempts} receives, and answers the queue over them.
   */
  public static SqsJobQueue create(SqsClient sqs, String name, int maxAttempts) {
    Objects.requireNonNull(sqs, "sqs");
    checkAttempts(maxAttempts);
    new QueueSetup(sqs, name, maxAttempts).queues();
    return existing(sqs, name, maxAttempts);
  }

  /**
   * The queue {@code name} and its dead-letter queue as the bootstrap made them; a {@code
   * StorageUnavailableException} naming the missing one when either does not exist.
   */
  public static SqsJobQueue existing(SqsClient sqs, String name, int maxAttempts) {
    Objects.requireNonNull(sqs, "sqs");
    checkAttempts(maxAttempts);
    QueueSetup setup = new QueueSetup(sqs, name, maxAttempts);
    String jobsUrl = setup.url("SQS queue " + name, name).orElseThrow(() -> missing(name));
    String dead = name + QueueSetup.DEAD_SUFFIX;
    String deadUrl = setup.url("SQS queue " + dead, dead).orElseThrow(() -> missing(dead));
    return new SqsJobQueue(sqs, jobsUrl, deadUrl, maxAttempts);
  }

  private static void checkAttempts(int maxAttempts) {
    if (maxAttempts < 1 || maxAttempts > 1000) {
      throw new IllegalArgumentException("SQS allows 1 to 1000 receives before dead-lettering, not " + maxAttempts);
    }
  }

  private static StorageUnavailableException missing(String queue) {
    return new StorageUnavailableException("the SQS queue " + queue + " does not exist: create it with "
        + "'recordings admin init' or the server's recording.aws.bootstrap=true");
  }

  @Override
  public JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
    Job job = new Job(JobId.random(), kind, subject);
    int delay = (int) Math.min(MAX_DELAY.toSeconds(), Math.max(0, ceilSeconds(Duration.between(now, dueAt))));
    call("SendMessage", () -> sqs.sendMessage(s -> s.queueUrl(jobsUrl).messageBody(body(job)).delaySeconds(delay)));
    return job.id();
  }

  @Override
  public Optional<JobLease> lease(Instant now, Duration visibility) {
    int seconds = (int) Math.min(MAX_VISIBILITY.toSeconds(), Math.max(1, ceilSeconds(visibility)));
    List<Message> messages = call("ReceiveMessage", () -> sqs.receiveMessage(r -> r.queueUrl(jobsUrl)
        .maxNumberOfMessages(1).visibilityTimeout(seconds).waitTimeSeconds(0)
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages());
    if (messages.isEmpty()) {
      return Optional.empty();
    }
    Message message = messages.get(0);
    int attempt = Integer.parseInt(message.attributes().getOrDefault(
        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
    return Optional.of(new JobLease(job(message.body()), attempt, message.receiptHandle(),
        now.plusSeconds(seconds)));
  }

  @Override
  public void complete(JobLease lease) {
    stale(() -> sqs.deleteMessage(d -> d.queueUrl(jobsUrl).receiptHandle(lease.receipt())));
  }

  @Override
  public void fail(JobLease lease, String reason, Optional<Instant> retryAt, Instant now) {
    if (retryAt.isPresent()) {
      long wait = Math.min(MAX_VISIBILITY.toSeconds(), Math.max(0, ceilSeconds(Duration.between(now, retryAt.get()))));
      stale(() -> sqs.changeMessageVisibility(c -> c.queueUrl(jobsUrl).receiptHandle(lease.receipt())
          .visibilityTimeout((int) wait)));
      return;
    }
    // Only the current holder may bury the job: hiding it for the moment of the move proves the
    // receipt is current (a stale one is refused) before anything is sent.
    boolean current = stale(() -> sqs.changeMessageVisibility(c -> c.queueUrl(jobsUrl)
        .receiptHandle(lease.receipt()).visibilityTimeout(60)));
    if (!current) {
      return;
    }
    call("SendMessage", () -> sqs.sendMessage(s -> s.queueUrl(deadUrl).messageBody(body(lease.job()))
        .messageAttributes(Map.of(
            REASON, text(reason.isBlank() ? "failed" : reason),
            ATTEMPTS, MessageAttributeValue.builder().dataType("Number").stringValue(Integer.toString(lease.attempt()))
                .build(),
            DIED_AT, text(now.toString())))));
    stale(() -> sqs.deleteMessage(d -> d.queueUrl(jobsUrl).receiptHandle(lease.receipt())));
  }

  /**
   * Looks at up to {@code limit} (at most 10, SQS's batch) dead jobs without taking them: each
   * receive makes them visible again at once.
   */
  @Override
  public List<DeadJob> dead(int limit) {
    int batch = Math.max(1, Math.min(10, limit));
    List<Message> messages = call("ReceiveMessage", () -> sqs.receiveMessage(r -> r.queueUrl(deadUrl)
        .maxNumberOfMessages(batch).visibilityTimeout(0).waitTimeSeconds(0).messageAttributeNames("All")
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
            MessageSystemAttributeName.SENT_TIMESTAMP)).messages());
    List<DeadJob> dead = new ArrayList<>();
    for (Message message : messages) {
      Map<String, MessageAttributeValue> attributes = message.messageAttributes();
      if (attributes.containsKey(REASON)) {
        dead.add(new DeadJob(job(message.body()), Integer.parseInt(attributes.get(ATTEMPTS).stringValue()),
            attributes.get(REASON).stringValue(), Instant.parse(attributes.get(DIED_AT).stringValue())));
      } else {
        // Moved by SQS's redrive: its leases ended unanswered, maxAttempts times.
        dead.add(new DeadJob(job(message.body()), maxAttempts, "its lease ended " + maxAttempts
            + " times without an answer", Instant.ofEpochMilli(Long.parseLong(message.attributes()
            .get(MessageSystemAttributeName.SENT_TIMESTAMP)))));
      }
    }
    dead.sort(Comparator.comparing(DeadJob::diedAt).reversed());
    return dead.stream().limit(limit).toList();
  }

  @Override
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Runs a call on a receipt; answers false when SQS says the receipt is no longer the message's. */
  private static boolean stale(Runnable call) {
    try {
      call("SQS", () -> {
        call.run();
        return null;
      });
      return true;
    } catch (StaleReceipt e) {
      return false;
    }
  }

  private static <T> T call(String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (ReceiptHandleIsInvalidException e) {
      throw new StaleReceipt();
    } catch (SqsException e) {
      String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
      if (code.contains("ReceiptHandleIsInvalid") || code.contains("MessageNotInflight")) {
        throw new StaleReceipt();
      }
      throw new StorageUnavailableException("the job queue failed (SQS " + operation + ": " + code + ")", e);
    } catch (SdkException e) {
      throw new StorageUnavailableException("the job queue is unreachable (SQS " + operation + ": "
          + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static String body(Job job) {
    return job.id() + "\n" + job.kind().name() + "\n" + job.subject();
  }

  private static Job job(String body) {
    String[] fields = body.split("\n", 3);
    return new Job(new JobId(UUID.fromString(fields[0])), JobKind.valueOf(fields[1]), fields[2]);
  }

  private static MessageAttributeValue text(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static long ceilSeconds(Duration duration) {
    return (duration.toMillis() + 999) / 1000;
  }

  /** A receipt the message has moved past. */
  private static final class StaleReceipt extends RuntimeException {
    StaleReceipt() {
      super(null, null, false, false);
    }
  }
}
