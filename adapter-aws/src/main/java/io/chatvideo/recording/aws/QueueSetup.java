package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.SetupCalls.call;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The job queue {@code name} and its dead-letter queue {@code name-dead}, joined by a redrive
 * policy of {@code maxAttempts} receives. CreateQueue refuses a name whose queue exists with other
 * attributes, so an existing queue is looked up and its redrive policy set when it differs:
 * running this again, or with another number of attempts, works.
 */
final class QueueSetup {

  static final String DEAD_SUFFIX = "-dead";
  /** SQS keeps a message at most 14 days: a dead job stays listable that long. */
  private static final Duration DEAD_RETENTION = Duration.ofDays(14);
  private static final Pattern REDRIVE = Pattern.compile(
      "\"deadLetterTargetArn\"\\s*:\\s*\"([^\"]+)\".*\"maxReceiveCount\"\\s*:\\s*\"?(\\d+)\"?");

  private final SqsClient sqs;
  private final String name;
  private final int maxAttempts;

  QueueSetup(SqsClient sqs, String name, int maxAttempts) {
    this.sqs = sqs;
    this.name = name;
    this.maxAttempts = maxAttempts;
  }

  /** Two steps: the dead-letter queue, then the jobs queue with its redrive policy. */
  List<BootstrapStep> queues() {
    String deadResource = "SQS queue " + name + DEAD_SUFFIX;
    Optional<String> deadFound = url(deadResource, name + DEAD_SUFFIX);
    String deadUrl = deadFound.orElseGet(() -> call(deadResource, () -> sqs.createQueue(c -> c.queueName(name
        + DEAD_SUFFIX).attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD,
        Long.toString(DEAD_RETENTION.toSeconds())))).queueUrl()));
    BootstrapStep dead = new BootstrapStep(deadResource, deadFound.isPresent() ? BootstrapOutcome.UNCHANGED
        : BootstrapOutcome.CREATED, (deadFound.isPresent() ? "exists" : "created")
        + ", keeps jobs that failed for good for 14 days");
    String deadArn = call(deadResource, () -> sqs.getQueueAttributes(g -> g.queueUrl(deadUrl)
        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN));
    String redrive = "{\"deadLetterTargetArn\":\"" + deadArn + "\",\"maxReceiveCount\":\"" + maxAttempts + "\"}";
    String jobsResource = "SQS queue " + name;
    String detail = "dead-letters to " + name + DEAD_SUFFIX + " after " + maxAttempts + " receives";
    Optional<String> jobsFound = url(jobsResource, name);
    if (jobsFound.isEmpty()) {
      call(jobsResource, () -> sqs.createQueue(c -> c.queueName(name)
          .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive))));
      return List.of(dead, new BootstrapStep(jobsResource, BootstrapOutcome.CREATED, "created, " + detail));
    }
    String current = call(jobsResource, () -> sqs.getQueueAttributes(g -> g.queueUrl(jobsFound.get())
        .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY));
    if (current != null) {
      Matcher matcher = REDRIVE.matcher(current);
      if (matcher.find() && matcher.group(1).equals(deadArn) && Integer.parseInt(matcher.group(2)) == maxAttempts) {
        return List.of(dead, new BootstrapStep(jobsResource, BootstrapOutcome.UNCHANGED, "exists, " + detail));
      }
    }
    call(jobsResource, () -> sqs.setQueueAttributes(s -> s.queueUrl(jobsFound.get())
        .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive))));
    return List.of(dead, new BootstrapStep(jobsResource, BootstrapOutcome.CHANGED, "redrive policy set: " + detail));
  }

  /** The URL of the queue {@code queue}; empty when it does not exist. */
  Optional<String> url(String resource, String queue) {
    try {
      return Optional.of(sqs.getQueueUrl(g -> g.queueName(queue)).queueUrl());
    } catch (QueueDoesNotExistException missing) {
      return Optional.empty();
    } catch (SqsException e) {
      if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
          && e.awsErrorDetails().errorCode().contains("NonExistentQueue")) {
        return Optional.empty();
      }
      throw SetupCalls.failed(resource, e);
    } catch (SdkException e) {
      throw SetupCalls.failed(resource, e);
    }
  }
}
