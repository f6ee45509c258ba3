package io.chatvideo.recording.aws.testing;

import io.chatvideo.recording.aws.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Running S3 and DynamoDB stand-ins for tests: S3Proxy (in-memory blob store) and DynamoDB Local
 * (in memory), both on 127.0.0.1 with ports chosen at start, started once per test JVM and
 * stopped when the JUnit run ends. Use it as {@code @ExtendWith(AwsStandIns.class)}, then for
 * example:
 *
 * <pre>{@code
 * AwsBackend aws = AwsBackend.create(AwsStandIns.settings("my-bucket", "my-table"), AwsStandIns.credentials());
 * aws.infrastructure().bootstrap(Duration.ofDays(30), List.of());
 * }</pre>
 *
 * The test JVM needs the environment variable {@code DDB_LOCAL_TELEMETRY=0}, or DynamoDB Local
 * tries to reach the internet. Delete the tables a test made ({@link #deleteTable}) when it is
 * done: DynamoDB Local serves at most about six tables with TTL enabled at once. {@link #stopS3()}, {@link #stopDynamoDb()} and the restarts are
 * for fault tests; the stand-ins are shared by every test class of the JVM, so such a test
 * restarts what it stopped, in a {@code finally}.
 */
public final class AwsStandIns implements BeforeAllCallback {

  /** DynamoDB Local accepts only letters and digits in an access key id. */
  static final String ACCESS_KEY = "AKIASTANDIN0000000000";
  static final String SECRET_KEY = "stand-in-secret-key";
  static final String REGION = "us-east-1";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AwsStandIns.class);
  private static volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    // The root store lives as long as the JUnit run and closes what it holds (AutoCloseable) at its end.
    running = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class);
  }

  public static URI s3Endpoint() {
    return current().s3().endpoint();
  }

  public static URI dynamoDbEndpoint() {
    return current().dynamoDb().endpoint();
  }

  /** The one key pair both stand-ins accept. */
  public static AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
  }

  /** Settings for both stand-ins: region us-east-1, path-style S3, both endpoints overridden. */
  public static AwsSettings settings(String bucket, String table) {
    return new AwsSettings(REGION, bucket, table, Optional.of(s3Endpoint()), Optional.of(dynamoDbEndpoint()), true,
        Duration.ofSeconds(10));
  }

  /**
   * A new client of the S3 stand-in configured as {@code AwsBackend} configures its own (path style,
   * checksums only where required), with {@code watch} seeing every request; the caller closes it.
   */
  public static S3Client s3Client(ExecutionInterceptor watch) {
    return S3Client.builder()
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .endpointOverride(s3Endpoint())
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.addExecutionInterceptor(watch))
        .build();
  }

  /** A new presigner for the S3 stand-in, path style; the caller closes it. */
  public static S3Presigner s3Presigner() {
    return S3Presigner.builder()
        .region(Region.of(REGION))
        .credentialsProvider(credentials())
        .endpointOverride(s3Endpoint())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  /** A new client of the DynamoDB stand-in, for tests that read or shape tables directly; the caller closes it. */
  public static DynamoDbClient dynamoDbClient() {
    return DynamoDbClient.builder()
        .region(Region.of(REGION))
        .endpointOverride(dynamoDbEndpoint())
        .credentialsProvider(credentials())
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  /**
   * Deletes a table if it exists. DynamoDB Local keeps one of its 10 worker threads busy for each
   * table with TTL enabled (as the bootstrap leaves it) until the table is gone, so tests delete
   * the tables they create when done.
   */
  public static void deleteTable(String table) {
    try (DynamoDbClient dynamoDb = dynamoDbClient()) {
      dynamoDb.deleteTable(d -> d.tableName(table));
    } catch (ResourceNotFoundException alreadyGone) {
      // Deleting is idempotent here: the table may never have been created.
    }
  }

  public static void stopS3() {
    current().s3().stop();
  }

  public static void stopDynamoDb() {
    current().dynamoDb().stop();
  }

  /** Starts S3Proxy again on the port it had, with the buckets and objects it had. */
  public static void restartS3() {
    current().s3().restart();
  }

  /** Starts DynamoDB Local again on the port it had, with the tables it had. */
  public static void restartDynamoDb() {
    current().dynamoDb().restart();
  }

  private static Running current() {
    Running current = running;
    if (current == null) {
      throw new IllegalStateException("the AWS stand-ins are not running: add @ExtendWith(AwsStandIns.class) "
          + "to the test class and use them from tests or @BeforeAll/@BeforeEach methods");
    }
    return current;
  }

  /** Both stand-ins, closed together. */
  private record Running(S3ProxyStandIn s3, DynamoDbLocalStandIn dynamoDb) implements AutoCloseable {

    static Running start() {
      S3ProxyStandIn s3 = S3ProxyStandIn.start(ACCESS_KEY, SECRET_KEY);
      try {
        return new Running(s3, DynamoDbLocalStandIn.start());
      } catch (RuntimeException e) {
        s3.close();
        throw e;
      }
    }

    @Override
    public void close() {
      running = null;
      try {
        dynamoDb.close();
      } finally {
        s3.close();
      }
    }
  }
}
