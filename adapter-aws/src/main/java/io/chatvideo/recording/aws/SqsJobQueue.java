package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.DeadJob;
import io.chatvideo.recording.core.domain.Job;
import io.chatvideo.recording.core.domain.JobId;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * clock: the {@code now} arguments only stamp the dead-letter records and time the delays, and a
 * job due later than SQS's 15-minute delay ceiling is judged by the queue's {@link Clock}.
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
  /** SQS's ceiling for a message's delay: a job due later carries {@link #DUE_AT} and is put back until then. */
  private static final Duration MAX_DELAY = Duration.ofMinutes(15);
  /** When a job waiting longer than {@link #MAX_DELAY} is due (ISO-8601). */
  static final String DUE_AT = "due_at";
  /** Messages not yet due that one lease puts back before it answers that none is due. */
  private static final int PUT_BACKS = 10;

  /** SQS's ceiling for a receive's wait (long polling). */
  static final Duration MAX_WAIT = Duration.ofSeconds(20);
  /** What a long poll's answer may take beyond its wait, unless the client's own call timeout is given. */
  private static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  /**
   * The threads long polls run on, so that the worker waiting for one can be interrupted (a
   * blocking socket read cannot); daemons, ended after a minute unused.
   */
  private static final ExecutorService POLLERS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "sqs-long-poll");
    thread.setDaemon(true);
    return thread;
  });

  private final SqsClient sqs;
  private final String jobsUrl;
  private final String deadUrl;
  private final int maxAttempts;
  private final Clock clock;
  private final Duration callTimeout;

  private SqsJobQueue(SqsClient sqs, String jobsUrl, String deadUrl, int maxAttempts, Clock clock) {
    this.callTimeout = sqs.serviceClientConfiguration().overrideConfiguration().apiCallTimeout()
        .orElse(DEFAULT_CALL_TIMEOUT);
    this.sqs = sqs;
    this.jobsUrl = jobsUrl;
    this.deadUrl = deadUrl;
    this.maxAttempts = maxAttempts;
    this.clock = clock;
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
    return existing(sqs, name, maxAttempts, Clock.systemUTC());
  }

  /**
   * As {@link #existing(SqsClient, String, int)}, judging {@code due_at} by {@code clock}: SQS's
   * own clock, which the host's (the default) follows closely; tests give theirs.
   */
  static SqsJobQueue existing(SqsClient sqs, String name, int maxAttempts, Clock clock) {
    Objects.requireNonNull(sqs, "sqs");
    Objects.requireNonNull(clock, "clock");
    checkAttempts(maxAttempts);
    QueueSetup setup = new QueueSetup(sqs, name, maxAttempts);
    String jobsUrl = setup.url("SQS queue " + name, name).orElseThrow(() -> missing(name));
    String dead = name + QueueSetup.DEAD_SUFFIX;
    String deadUrl = setup.url("SQS queue " + dead, dead).orElseThrow(() -> missing(dead));
    return new SqsJobQueue(sqs, jobsUrl, deadUrl, maxAttempts, clock);
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

  /**
   * Sends the job with a delay of the time to {@code dueAt}, at most SQS's 15 minutes; a job due
   * later carries {@code due_at} as a message attribute, and {@link #lease} puts it back until then.
   */
  @Override
  public JobId enqueue(JobKind kind, String subject, Instant now, Instant dueAt) {
    Job job = new Job(JobId.random(), kind, subject);
    send(job, dueAt, Duration.between(now, dueAt));
    return job.id();
  }

  /**
   * Receives the next message; one whose {@code due_at} is still ahead on the queue's clock (it
   * was due later than a delay can wait) is put back: sent again with the time left as its delay
   * (at most 15 minutes a hop) and the early copy deleted, so its receive count stays that of its
   * real attempts and the redrive never counts the waiting. Up to {@value #PUT_BACKS} such
   * messages per lease, then none is due.
   */
  @Override
  public Optional<JobLease> lease(Instant now, Duration visibility) {
    return lease(now, visibility, Duration.ZERO);
  }

  /**
   * Long polling: the receive waits up to {@code wait} (whole seconds, at most SQS's 20) for a
   * message, so an idle worker makes one request per 20 s instead of one per idle pause, and a
   * message sent meanwhile answers it at once. The receive runs on a thread of this queue while
   * the caller waits for it: an interrupt (a worker that stops) ends the caller's wait at once,
   * and a message the abandoned receive still brings is made visible again (visibility 0).
   */
  @Override
  public Optional<JobLease> lease(Instant now, Duration visibility, Duration wait) {
    int seconds = (int) Math.min(MAX_VISIBILITY.toSeconds(), Math.max(1, ceilSeconds(visibility)));
    int waitSeconds = (int) Math.max(0, Math.min(MAX_WAIT.toSeconds(), wait.toSeconds()));
    for (int putBacks = 0; putBacks < PUT_BACKS; putBacks++) {
      List<Message> messages = waitSeconds == 0 ? receive(seconds, 0) : receiveWaiting(seconds, waitSeconds);
      if (messages.isEmpty()) {
        return Optional.empty();
      }
      Message message = messages.get(0);
      Job job = job(message.body());
      MessageAttributeValue due = message.messageAttributes().get(DUE_AT);
      Instant clockNow = clock.instant();
      if (due != null && Instant.parse(due.stringValue()).isAfter(clockNow)) {
        Instant dueAt = Instant.parse(due.stringValue());
        send(job, dueAt, Duration.between(clockNow, dueAt));
        stale(() -> sqs.deleteMessage(d -> d.queueUrl(jobsUrl).receiptHandle(message.receiptHandle())));
        continue;
      }
      int attempt = Integer.parseInt(message.attributes().getOrDefault(
          MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
      return Optional.of(new JobLease(job, attempt, message.receiptHandle(), now.plusSeconds(seconds)));
    }
    return Optional.empty();
  }

  private List<Message> receive(int visibilitySeconds, int waitSeconds) {
    return call("ReceiveMessage", () -> sqs.receiveMessage(r -> r.queueUrl(jobsUrl)
        .maxNumberOfMessages(1).visibilityTimeout(visibilitySeconds).waitTimeSeconds(waitSeconds)
        .messageAttributeNames(DUE_AT)
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
        // The client's call timeout bounds the answer after the wait, not the wait itself.
        .overrideConfiguration(o -> o.apiCallTimeout(callTimeout.plusSeconds(waitSeconds))
            .apiCallAttemptTimeout(callTimeout.plusSeconds(waitSeconds)))).messages());
  }

  /** A long poll the caller can walk away from (an interrupt); see {@link #lease(Instant, Duration, Duration)}. */
  private List<Message> receiveWaiting(int visibilitySeconds, int waitSeconds) {
    CompletableFuture<List<Message>> poll = CompletableFuture.supplyAsync(
        () -> receive(visibilitySeconds, waitSeconds), POLLERS);
    try {
      return poll.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      poll.thenAccept(late -> late.forEach(message ->
          stale(() -> sqs.changeMessageVisibility(c -> c.queueUrl(jobsUrl).receiptHandle(message.receiptHandle())
              .visibilityTimeout(0)))));
      return List.of();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new StorageUnavailableException("the job queue failed (SQS ReceiveMessage: " + e.getCause() + ")",
          e.getCause());
    }
  }

  /** Keeps the message hidden {@code visibility} from now: SQS's visibility timeout counts from the call. */
  @Override
  public boolean extend(JobLease lease, Instant now, Duration visibility) {
    int seconds = (int) Math.min(MAX_VISIBILITY.toSeconds(), Math.max(1, ceilSeconds(visibility)));
    return stale(() -> sqs.changeMessageVisibility(c -> c.queueUrl(jobsUrl).receiptHandle(lease.receipt())
        .visibilityTimeout(seconds)));
  }

  /** Visibility 0: the message is due again at once, for any worker. */
  @Override
  public void release(JobLease lease, Instant now) {
    stale(() -> sqs.changeMessageVisibility(c -> c.queueUrl(jobsUrl).receiptHandle(lease.receipt())
        .visibilityTimeout(0)));
  }

  /** Sends {@code job} delayed by {@code wait} (at most 15 minutes), with {@code due_at} when it waits longer. */
  private void send(Job job, Instant dueAt, Duration wait) {
    long waitSeconds = Math.max(0, ceilSeconds(wait));
    int delay = (int) Math.min(MAX_DELAY.toSeconds(), waitSeconds);
    Map<String, MessageAttributeValue> attributes = waitSeconds > MAX_DELAY.toSeconds()
        ? Map.of(DUE_AT, text(dueAt.toString())) : Map.of();
    call("SendMessage", () -> sqs.sendMessage(s -> s.queueUrl(jobsUrl).messageBody(body(job)).delaySeconds(delay)
        .messageAttributes(attributes)));
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

  /** The message body: id, kind and subject on lines of their own (the subject last, as it may be anything). */
  static String body(Job job) {
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
