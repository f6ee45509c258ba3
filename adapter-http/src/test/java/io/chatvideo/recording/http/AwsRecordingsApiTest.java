package io.chatvideo.recording.http;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.TempDirectory;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
        .properties(Map.of(
            "recording.backend", "aws",
            "recording.auth.allow-dev-with-aws", "true",
            "recording.data-dir", data.path().toString(),
            "recording.aws.region", "us-east-1",
            "recording.aws.bucket", name,
            "recording.aws.table", name,
            "recording.aws.s3-endpoint", AwsStandIns.s3Endpoint().toString(),
            "recording.aws.dynamodb-endpoint", AwsStandIns.dynamoDbEndpoint().toString(),
            "recording.aws.path-style", "true",
            "recording.aws.bootstrap", "true"))
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
}
