package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.http.support.TempDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The aws backend with {@code recording.aws.queue}: processing runs there, on the SQS queue the bootstrap made. */
@ExtendWith({AwsStandIns.class, SqsStandIn.class})
class AwsProcessingWiringTest {

  private final TempDirectory data = new TempDirectory("recordings-aws-processing");
  private final String name = "http-jobs-" + UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void cleanUp() {
    AwsStandIns.deleteTable(name);
    data.close();
  }

  private Map<String, Object> settings(boolean bootstrap) {
    Map<String, Object> properties = new HashMap<>(Map.of(
        "recording.backend", "aws",
        "recording.auth.allow-dev-with-aws", "true",
        "recording.data-dir", data.path().toString(),
        "recording.aws.bucket", name,
        "recording.aws.table", name,
        "recording.aws.s3-endpoint", AwsStandIns.s3Endpoint().toString(),
        "recording.aws.dynamodb-endpoint", AwsStandIns.dynamoDbEndpoint().toString(),
        "recording.aws.path-style", "true",
        "recording.aws.bootstrap", Boolean.toString(bootstrap),
        "recording.aws.queue", name));
    properties.put("recording.aws.sqs-endpoint", SqsStandIn.endpoint().toString());
    properties.put("recording.processing.enabled", "true");
    return properties;
  }

  private ApplicationContext start(Map<String, Object> properties) {
    return ApplicationContext.builder(Environment.TEST).properties(properties)
        .singletons(AwsStandIns.credentials()).start();
  }

  @Test
  void withAQueueTheBootstrapMakesItAndProcessingIsOn() {
    try (ApplicationContext context = start(settings(true)); SqsClient sqs = SqsStandIn.client()) {
      assertThat(context.getBean(Recordings.class).processingEnabled()).isTrue();
      assertThat(context.getBean(Recordings.class).runsJobs()).isTrue();
      assertThat(sqs.getQueueUrl(g -> g.queueName(name)).queueUrl()).endsWith(name);
      assertThat(sqs.getQueueUrl(g -> g.queueName(name + "-dead")).queueUrl()).endsWith(name + "-dead");
    }
  }

  @Test
  void withNoWorkersTheServerQueuesJobsWithoutFfmpegAndRunsNone() {
    Map<String, Object> properties = settings(true);
    properties.put("recording.processing.workers", "0");
    properties.put("recording.processing.ffmpeg", "/nonexistent/ffmpeg");

    try (ApplicationContext context = start(properties)) {
      Recordings recordings = context.getBean(Recordings.class);
      assertThat(recordings.processingEnabled()).as("completed recordings are queued").isTrue();
      assertThat(recordings.runsJobs()).as("no ffmpeg here: the jobs are for 'recordings worker'").isFalse();
    }
  }

  @Test
  void withWorkersAnFfmpegThatIsMissingStopsStartUp() {
    Map<String, Object> properties = settings(true);
    properties.put("recording.processing.ffmpeg", "/nonexistent/ffmpeg");

    Throwable failure = catchThrowable(() -> start(properties).close());

    assertThat(ServerLauncher.reason(failure)).contains("recording.processing.ffmpeg")
        .contains("'/nonexistent/ffmpeg' with ffprobe beside it is not an executable program");
  }

  @Test
  void withAQueueEventsAreOnAndTheConfiguredWebhookIsStoredInTheTable() {
    Map<String, Object> properties = settings(true);
    properties.put("recording.webhook.url", "https://hooks.example.com/recordings");
    properties.put("recording.webhook.secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    try (ApplicationContext context = start(properties)) {
      Recordings recordings = context.getBean(Recordings.class);
      assertThat(recordings.eventsEnabled()).isTrue();
      assertThat(recordings.webhooks().list()).singleElement()
          .satisfies(endpoint -> assertThat(endpoint.url()).hasToString("https://hooks.example.com/recordings"));
    }
  }

  @Test
  void withoutAQueueAWebhookUrlStopsStartUpSayingWhatItNeeds() {
    Map<String, Object> properties = settings(true);
    properties.remove("recording.aws.queue");
    properties.remove("recording.processing.enabled");
    properties.put("recording.webhook.url", "https://hooks.example.com/recordings");
    properties.put("recording.webhook.secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    Throwable failure = catchThrowable(() -> start(properties).close());

    assertThat(ServerLauncher.reason(failure)).contains("recording.webhook.url")
        .contains("needs a job queue to deliver on: set recording.aws.queue");
  }

  @Test
  void aQueueThatDoesNotExistStopsStartUpWithOneLineNamingTheSetting() {
    Map<String, Object> properties = settings(false);

    Throwable failure = catchThrowable(() -> start(properties).close());

    assertThat(ServerLauncher.reason(failure)).contains("recording.aws.queue")
        .contains("the SQS queue " + name + " does not exist");
  }

  @Test
  void anSqsEndpointThatIsNotAUrlStopsStartUp() {
    Map<String, Object> properties = settings(true);
    properties.put("recording.aws.sqs-endpoint", "not a url");

    Throwable failure = catchThrowable(() -> start(properties).close());

    assertThat(ServerLauncher.reason(failure)).contains("recording.aws.sqs-endpoint").contains("is not a URL");
  }
}
