package io.chatvideo.recording.http;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.AwsServers;
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
 * Share links with {@code recording.backend=aws}, against S3Proxy and DynamoDB Local: the page's
 * media URL is an S3 presigned GET, fetched with a Range request from S3Proxy itself.
 */
@ExtendWith(AwsStandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsSharesApiTest extends SharesApiContract {

  private final TempDirectory data = new TempDirectory("recordings-aws-shares");
  private ApplicationContext context;
  private Api api;

  @BeforeAll
  void startServer() {
    String name = "shares-" + UUID.randomUUID().toString().substring(0, 8);
    context = ApplicationContext.builder(Environment.TEST)
        .properties(AwsServers.properties(name, data.path()))
        .properties(Map.of("recording.processing.enabled", "false"))
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
  boolean streamsMedia() {
    return false;
  }

  @Override
  Api api() {
    return api;
  }
}
