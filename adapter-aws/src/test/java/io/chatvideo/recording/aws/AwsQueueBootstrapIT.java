package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The aws backend with a job queue: the bootstrap makes the SQS queues, the backend hands out the queue. */
@ExtendWith({AwsStandIns.class, SqsStandIn.class})
class AwsQueueBootstrapIT {

  private final String name = "queue-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void deleteTable() {
    AwsStandIns.deleteTable(name);
  }

  private AwsSettings settings() {
    return AwsStandIns.settings(name, name).withQueue(name, Optional.of(SqsStandIn.endpoint()));
  }

  @Test
  void theBootstrapCreatesTheQueueAndItsDeadLetterQueueThenLeavesThemOrSetsTheAttempts() {
    try (AwsBackend aws = AwsBackend.create(settings(), AwsStandIns.credentials());
        SqsClient sqs = SqsStandIn.client()) {
      List<BootstrapStep> first = aws.infrastructure().bootstrap(Duration.ofDays(30), List.of(), 5);
      List<BootstrapStep> second = aws.infrastructure().bootstrap(Duration.ofDays(30), List.of(), 5);
      List<BootstrapStep> third = aws.infrastructure().bootstrap(Duration.ofDays(30), List.of(), 3);

      assertThat(first.subList(first.size() - 2, first.size())).extracting(BootstrapStep::line).containsExactly(
          "SQS queue " + name + "-dead: created, keeps jobs that failed for good for 14 days",
          "SQS queue " + name + ": created, dead-letters to " + name + "-dead after 5 receives");
      assertThat(second.subList(second.size() - 2, second.size())).extracting(BootstrapStep::outcome)
          .containsExactly(BootstrapOutcome.UNCHANGED, BootstrapOutcome.UNCHANGED);
      assertThat(third.get(third.size() - 1).line())
          .isEqualTo("SQS queue " + name + ": redrive policy set: dead-letters to " + name + "-dead after 3 receives");
      String url = sqs.getQueueUrl(g -> g.queueName(name)).queueUrl();
      String redrive = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
          .attributes().get(QueueAttributeName.REDRIVE_POLICY);
      assertThat(redrive).contains(name + "-dead").containsPattern("\"maxReceiveCount\"\\s*:\\s*\"?3");
    }
  }

  @Test
  void theBackendsQueueCarriesJobsOnceBootstrapped() {
    try (AwsBackend aws = AwsBackend.create(settings(), AwsStandIns.credentials())) {
      aws.infrastructure().bootstrap(Duration.ofDays(30), List.of(), 4);
      JobQueue queue = aws.jobs(4).orElseThrow();

      queue.enqueue(JobKind.PROCESS_RECORDING, "subject-1", Instant.now());
      Optional<JobLease> lease = queue.lease(Instant.now(), Duration.ofSeconds(30));

      assertThat(lease).map(l -> l.job().subject()).contains("subject-1");
      assertThat(queue.maxAttempts()).isEqualTo(4);
    }
  }

  @Test
  void aQueueThatWasNeverCreatedIsNamedWithTheWayToCreateIt() {
    try (AwsBackend aws = AwsBackend.create(settings(), AwsStandIns.credentials())) {
      assertThatThrownBy(() -> aws.jobs(5)).isInstanceOf(StorageUnavailableException.class)
          .hasMessage("the SQS queue " + name + " does not exist: create it with 'recordings admin init' or the "
              + "server's recording.aws.bootstrap=true");
    }
  }

  @Test
  void withoutAQueueTheBackendHasNoJobsAndTheBootstrapNoQueueSteps() {
    try (AwsBackend aws = AwsBackend.create(AwsStandIns.settings(name, name), AwsStandIns.credentials())) {
      assertThat(aws.jobs(5)).isEmpty();
      assertThat(aws.infrastructure().bootstrap(Duration.ofDays(30), List.of()))
          .extracting(BootstrapStep::resource).noneMatch(resource -> resource.startsWith("SQS"));
    }
  }
}
