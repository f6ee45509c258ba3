package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import io.chatvideo.recording.http.support.WebhookReceiver;
import io.chatvideo.recording.http.support.WebhookReceiver.Hook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The server jar on the aws backend (S3Proxy, DynamoDB Local and ElasticMQ in this test's JVM, on
 * 127.0.0.1) with {@code recording.webhook.url} pointing at a receiver here: the completion and
 * its event are one DynamoDB transaction, the publish job goes to SQS, and the server's worker
 * delivers the event signed, as on the local backend.
 */
@ExtendWith({AwsStandIns.class, SqsStandIn.class})
class WebhooksAwsIT {

  private static final Duration DELIVERY_BOUND = Duration.ofSeconds(90);

  private final String name = "http-hooks-" + UUID.randomUUID().toString().substring(0, 8);
  private final TempDirectory work = new TempDirectory("recordings-webhooks-aws-it");
  private final WebhookReceiver receiver = WebhookReceiver.start();

  @AfterEach
  void stop() {
    receiver.close();
    work.close();
    AwsStandIns.deleteTable(name);
  }

  @Test
  void aCompletionOnDynamoDbArrivesAsASignedRecordingCompletedEvent() throws Exception {
    try (ServerProcess server = ServerProcess.start(work.path(), environment())) {
      Api api = new Api(server.uri());
      server.awaitHealthy(api);
      String token = api.devToken("hooks@example.com");
      String id = Uploads.completedRecording(api, token, "aws-hook-room", "webm bytes".getBytes(StandardCharsets.UTF_8));

      Hook hook = receiver.awaitCompletions(Set.of(id), DELIVERY_BOUND, server).get(id).get(0);

      assertThat(hook.body()).startsWith("{\"type\":\"recording.completed\",\"timestamp\":\"")
          .contains("\"recording_id\":\"" + id + "\"", "\"room_id\":\"aws-hook-room\"", "\"status\":\"COMPLETED\"")
          .doesNotContain("download_url");
      assertThat(hook.id()).matches("msg_[0-9a-f]{32}");
      assertThat(hook.signature()).isEqualTo(hook.expectedSignature());
      try (DynamoDbClient dynamoDb = AwsStandIns.dynamoDbClient()) {
        Map<String, AttributeValue> event = dynamoDb.getItem(get -> get.tableName(name).key(Map.of(
            "PK", AttributeValue.fromS("EVENT#" + hook.id()), "SK", AttributeValue.fromS("EVENT#" + hook.id())))).item();
        assertThat(event).as("the event item the outbox wrote with the completion")
            .containsEntry("type", AttributeValue.fromS("recording.completed"))
            .containsEntry("body", AttributeValue.fromS(hook.body()))
            .doesNotContainKey("GSI3PK");
      }
    }
  }

  /** The aws backend, bootstrapped by the server, with its queue; processing off, so the one worker only delivers. */
  private Map<String, String> environment() {
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    return Map.ofEntries(
        Map.entry("RECORDING_BACKEND", "aws"),
        Map.entry("RECORDING_AUTH_ALLOW_DEV_WITH_AWS", "true"),
        Map.entry("RECORDING_AWS_REGION", "us-east-1"),
        Map.entry("RECORDING_AWS_BUCKET", name),
        Map.entry("RECORDING_AWS_TABLE", name),
        Map.entry("RECORDING_AWS_QUEUE", name),
        Map.entry("RECORDING_AWS_BOOTSTRAP", "true"),
        Map.entry("RECORDING_AWS_S3_ENDPOINT", AwsStandIns.s3Endpoint().toString()),
        Map.entry("RECORDING_AWS_DYNAMODB_ENDPOINT", AwsStandIns.dynamoDbEndpoint().toString()),
        Map.entry("RECORDING_AWS_SQS_ENDPOINT", SqsStandIn.endpoint().toString()),
        Map.entry("RECORDING_AWS_PATH_STYLE", "true"),
        Map.entry("RECORDING_PROCESSING_ENABLED", "false"),
        Map.entry("RECORDING_WEBHOOK_URL", receiver.url()),
        Map.entry("RECORDING_WEBHOOK_SECRET", WebhookReceiver.SECRET),
        Map.entry("RECORDING_WEBHOOK_ALLOW_LOOPBACK", "true"),
        Map.entry("AWS_ACCESS_KEY_ID", credentials.accessKeyId()),
        Map.entry("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey()));
  }
}
