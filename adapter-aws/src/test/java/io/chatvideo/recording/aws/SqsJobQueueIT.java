package io.chatvideo.recording.aws;

import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.testing.JobQueueContract;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The job queue contract on ElasticMQ. SQS keeps its own clock, so time passes here for real: the
 * contract's leases and retries last two seconds, and a test waits them out.
 */
@ExtendWith(SqsStandIn.class)
class SqsJobQueueIT extends JobQueueContract {

  private final SqsClient sqs = SqsStandIn.client();

  @AfterEach
  void closeClient() {
    sqs.close();
  }

  @Override
  protected JobQueue queue() {
    return SqsJobQueue.create(sqs, "jobs-" + UUID.randomUUID().toString().substring(0, 8), MAX_ATTEMPTS);
  }

  @Override
  protected Instant now() {
    return Instant.now();
  }

  @Override
  protected void pass(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
