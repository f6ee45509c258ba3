package io.chatvideo.recording.http;

import static io.chatvideo.recording.http.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.AwsServers;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same flows with {@code recording.backend=aws}, against S3Proxy and DynamoDB Local: presigned
 * URLs point at S3, the server only signs and verifies. The server is started here, after the
 * stand-ins, since its settings name their ports; the bucket and table come from the server's own
 * start-up bootstrap.
 */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsRecordingsApiTest extends RecordingsApiContract {

  private final TempDirectory data = new TempDirectory("recordings-aws-api");
  private ApplicationContext context;
  private Api api;

  @BeforeAll
  void startServer() {
    String name = "http-" + UUID.randomUUID().toString().substring(0, 8);
    context = ApplicationContext.builder(Environment.TEST)
        .properties(AwsServers.properties(name, data.path()))
        .singletons(AwsStandIns.credentials())
        .start();
    EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
    api = new Api(server.getURI());
  }

  @AfterAll
  void stopServer() {
    if (context != null) {
      context.close();
    }
    data.close();
  }

  @Override
  Api api() {
    return api;
  }

  @Test
  void unreachableTableIsServiceUnavailableWithRetryAfter() {
    String token = api.devToken(user());
    AwsStandIns.stopDynamoDb();
    try {
      Api.Reply reply = api.get("/recordings", token);

      assertProblem(reply, 503);
      assertThat(reply.header("Retry-After")).isEqualTo("5");
      assertThat(reply.text()).doesNotContain("127.0.0.1");
      Api.Reply health = api.get("/health", null);
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.text()).contains("DOWN").doesNotContain("127.0.0.1");
    } finally {
      AwsStandIns.restartDynamoDb();
    }
    assertThat(api.get("/recordings", token).status()).isEqualTo(200);
    assertThat(api.get("/health", null).status()).isEqualTo(200);
  }

  @Test
  void unreachableStorageIsServiceUnavailableWithRetryAfter() {
    String token = api.devToken(user());
    String id = Uploads.putSingle(api, token, room(), bytes(100, 7)).get("recording_id").asText();
    AwsStandIns.stopS3();
    try {
      Api.Reply reply = api.post("/recordings/" + id + "/complete", token, null);

      assertProblem(reply, 503);
      assertThat(reply.header("Retry-After")).isEqualTo("5");
    } finally {
      AwsStandIns.restartS3();
    }
    assertThat(api.post("/recordings/" + id + "/complete", token, null).status()).isEqualTo(200);
  }
}
