package io.chatvideo.recording.aws.testing;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS stand-in for tests: ElasticMQ in the test JVM on 127.0.0.1, on a port chosen at start,
 * started once per JVM and stopped when the JUnit run ends. Use it as
 * {@code @ExtendWith(SqsStandIn.class)}, then {@link #client()}; each test makes queues of its
 * own (a random name), as it makes its own tables and buckets.
 */
public final class SqsStandIn implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SqsStandIn.class);
  private static volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class);
  }

  public static URI endpoint() {
    Running current = running;
    if (current == null) {
      throw new IllegalStateException("the SQS stand-in is not running: add @ExtendWith(SqsStandIn.class)");
    }
    return current.endpoint();
  }

  /** A new client of the stand-in, with the stand-in key pair the other stand-ins take too; the caller closes it. */
  public static SqsClient client() {
    return SqsClient.builder()
        .region(Region.of(AwsStandIns.REGION))
        .endpointOverride(endpoint())
        .credentialsProvider(AwsStandIns.credentials())
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  private record Running(SQSRestServer server, URI endpoint) implements AutoCloseable {

    static Running start() {
      SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
      int port = server.waitUntilStarted().localAddress().getPort();
      return new Running(server, URI.create("http://127.0.0.1:" + port));
    }

    @Override
    public void close() {
      running = null;
      server.stopAndWait();
    }
  }
}
