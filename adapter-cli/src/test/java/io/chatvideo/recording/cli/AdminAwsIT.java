package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The admin commands on the aws backend, against S3Proxy and DynamoDB Local over HTTP.
 *
 * <p>DynamoDB Local deletes items whose {@code ttl} lies in the wall clock's past, on a cycle of
 * about 10 s per table with TTL enabled (which {@code admin init} turns on). So this test's clock
 * stands decades ahead of the wall clock: a recording it makes "40 days old" expires for the CLI,
 * whose clock the test sets, and never for DynamoDB Local, which cannot delete it behind the
 * sweep's back.
 */
@ExtendWith(AwsStandIns.class)
class AdminAwsIT {

  static final Instant NOW = Instant.parse("2100-01-01T12:00:00Z");

  @TempDir
  Path home;

  Cli cli;
  String bucket;
  String table;

  /** The CLI takes credentials from the SDK's default chain, whose first link reads these properties. */
  @BeforeAll
  static void standInCredentials() {
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    System.setProperty("aws.accessKeyId", credentials.accessKeyId());
    System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
  }

  @BeforeEach
  void configure() {
    String name = "cli-admin-" + UUID.randomUUID().toString().substring(0, 8);
    bucket = name;
    table = name.replace('-', '_');
    cli = new Cli(home).with("--backend", "aws", "--region", "us-east-1", "--bucket", bucket, "--table", table,
        "--s3-endpoint", AwsStandIns.s3Endpoint().toString(),
        "--dynamodb-endpoint", AwsStandIns.dynamoDbEndpoint().toString(), "--path-style");
    cli.clock = Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** A table with TTL enabled holds one of DynamoDB Local's few background threads until it is deleted. */
  @AfterEach
  void deleteTable() {
    AwsStandIns.deleteTable(table);
  }

  @Test
  void initCreatesTheTableAndBucketAndCanRunAgain() {
    Cli.Result first = cli.run("admin", "init", "--retention", "7d", "--cors-origin", "https://app.example.com");
    Cli.Result second = cli.run("admin", "init", "--retention", "7d", "--cors-origin", "https://app.example.com");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains(table).contains(bucket);
    assertThat(second.exitCode()).as(second.err()).isZero();
  }

  @Test
  void listAndSweepWorkOnTheTable() {
    assertThat(cli.run("admin", "init").exitCode()).isZero();
    PendingRecording old = TestRecordings.pending("ann@example.com", "room-aws", NOW.minus(Duration.ofDays(40)));
    try (AwsBackend aws = AwsBackend.create(AwsStandIns.settings(bucket, table), AwsStandIns.credentials())) {
      aws.repository().insert(old);
    }

    Cli.Result list = cli.run("admin", "list", "--all");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern(old.id() + " +room-aws +ann@example.com .* PENDING \\(expired\\)");

    Cli.Result sweep = cli.run("admin", "sweep");
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    assertThat(sweep.out()).contains("aws bucket " + bucket).containsPattern("removed [1-9]\\d* expired");
    try (AwsBackend aws = AwsBackend.create(AwsStandIns.settings(bucket, table), AwsStandIns.credentials())) {
      assertThat(aws.repository().find(old.id())).isEqualTo(Optional.empty());
    }
  }
}
