package io.chatvideo.recording.lambda;

import static io.chatvideo.recording.http.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import io.chatvideo.recording.http.support.Uploads;
import io.micronaut.context.env.PropertySource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The function driven with API Gateway v2 events against S3Proxy, DynamoDB Local and ElasticMQ,
 * configured by the same environment variables as the server jar, which runs beside it on the
 * same bucket, table and queue and answers the same requests alike.
 */
@ExtendWith({AwsStandIns.class, SqsStandIn.class})
class LambdaHandlerIT {

  private static final String NAME = "lambda-it-" + UUID.randomUUID().toString().substring(0, 8);

  private static TestIdentityProvider idp;
  private static TempDirectory work;
  private static RecordingsHandler handler;
  private static Gateway gateway;
  private static ServerProcess server;
  private static Api api;

  @BeforeAll
  static void start() {
    try (AwsBackend aws = AwsBackend.create(AwsStandIns.settings(NAME, NAME).withQueue(NAME,
        Optional.of(SqsStandIn.endpoint())), AwsStandIns.credentials())) {
      aws.infrastructure().bootstrap(Duration.ofDays(30), List.of(), AwsBackend.DEFAULT_JOB_ATTEMPTS);
    }
    idp = new TestIdentityProvider();
    work = new TempDirectory("recordings-lambda-it");
    Map<String, String> environment = FunctionEnvironment.of(NAME, idp);
    // The SDK reads credentials from the process environment, which a test cannot set: a bean instead.
    handler = new RecordingsHandler(RecordingsHandler.contextBuilder()
        .propertySources(PropertySource.of("function-environment", new HashMap<>(environment),
            PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
        .singletons(AwsStandIns.credentials()));
    gateway = new Gateway(handler);
    environment.putAll(FunctionEnvironment.credentials());
    // The reference server shares the queue: without workers of its own it leaves the jobs where
    // the test can count what the function queued.
    environment.put("RECORDING_PROCESSING_WORKERS", "0");
    server = ServerProcess.start(work.path(), environment);
    api = new Api(server.uri());
    server.awaitHealthy(api);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (handler != null) {
      handler.close();
    }
    if (idp != null) {
      idp.close();
    }
    if (work != null) {
      work.close();
    }
    AwsStandIns.deleteTable(NAME);
  }

  private static String token(String email) {
    return idp.rs256(TestIdentityProvider.claims(email).build());
  }

  @Test
  void anUploadGoesStraightToS3IsCompletedQueuedForTheWorkersAndListedWithADownloadUrl() {
    String alice = token("alice@example.com");
    byte[] bytes = "a recording of the function's test".getBytes(StandardCharsets.UTF_8);

    Api.Reply ticket = gateway.post("/recordings/upload-url", alice,
        "{\"room_id\":\"room-lambda\",\"filename\":\"call.webm\",\"contentType\":\"video/webm\",\"size\":"
            + bytes.length + "}");
    assertThat(ticket.status()).as("upload-url: %s", ticket).isEqualTo(201);
    JsonNode upload = ticket.json();
    Api.Reply put = api.raw("PUT", upload.get("upload_url").asText(), Uploads.headers(upload.get("upload_headers")),
        bytes);
    assertThat(put.status()).as("PUT: %s", put).isEqualTo(200);
    String id = upload.get("recording_id").asText();

    // No body and no Content-Length, as from curl -X POST: the server takes it, so must the function.
    Api.Reply complete = gateway.post("/recordings/" + id + "/complete", alice, null);
    assertThat(complete.status()).as("complete: %s", complete).isEqualTo(200);
    assertThat(complete.json().get("status").asText()).isEqualTo("COMPLETED");
    assertThat(complete.json().get("processing").asText()).isEqualTo("queued");

    Api.Reply listing = gateway.get("/recordings?room_id=room-lambda", alice);
    assertThat(listing.status()).as("list: %s", listing).isEqualTo(200);
    JsonNode recordings = listing.json().get("recordings");
    assertThat(recordings).hasSize(1);
    assertThat(recordings.get(0).get("recording_id").asText()).isEqualTo(id);
    Api.Reply download = api.raw("GET", recordings.get(0).get("download_url").asText(), Map.of(), null);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(bytes);

    // The jobs wait for the worker tier: the processing and the publish of recording.completed, which
    // the completion wrote with the recording. Nothing in the function took them or delivers events.
    try (SqsClient sqs = SqsStandIn.client()) {
      String queue = sqs.getQueueUrl(g -> g.queueName(NAME)).queueUrl();
      String waiting = sqs.getQueueAttributes(g -> g.queueUrl(queue)
          .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
          .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
      assertThat(waiting).isEqualTo("2");
    }
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("processing-"));
  }

  @Test
  void aBadRequestIsTheProblemTheServerAnswers() {
    String bob = token("bob@example.com");
    String body = "{\"room_id\":\"../x\",\"contentType\":\"video/webm\"}";

    Api.Reply fromFunction = gateway.post("/recordings/upload-url", bob, body);
    Api.Reply fromServer = api.post("/recordings/upload-url", bob, body);

    assertThat(assertProblem(fromFunction, 400).get("field").asText()).isEqualTo("room_id");
    assertThat(fromFunction.json()).isEqualTo(assertProblem(fromServer, 400));
  }

  @Test
  void withoutATokenTheAnswerIs401AsFromTheServer() {
    Api.Reply fromFunction = gateway.get("/recordings", null);
    Api.Reply fromServer = api.get("/recordings", null);

    assertThat(assertProblem(fromFunction, 401)).isEqualTo(assertProblem(fromServer, 401));
  }

  @Test
  void aTokenSignedByAnotherKeyIs401AsFromTheServer() {
    String forged;
    try (TestIdentityProvider stranger = new TestIdentityProvider()) {
      forged = stranger.rs256(TestIdentityProvider.claims("alice@example.com").build());
    }

    Api.Reply fromFunction = gateway.get("/recordings", forged);
    Api.Reply fromServer = api.get("/recordings", forged);

    assertThat(assertProblem(fromFunction, 401)).isEqualTo(assertProblem(fromServer, 401));
  }

  @Test
  void primingBeforeTheSnapshotLeavesTheFunctionAnswering() {
    handler.beforeCheckpoint(null);

    Api.Reply health = gateway.get("/health", null);
    assertThat(health.status()).as("health: %s", health).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
  }
}
