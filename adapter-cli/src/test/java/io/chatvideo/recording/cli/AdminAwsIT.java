package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** The admin commands on the aws backend, against S3Proxy and DynamoDB Local over HTTP. */
@ExtendWith(AwsStandIns.class)
class AdminAwsIT {

  static final String BUCKET = "cli-admin-recordings";
  static final String TABLE = "cli_admin_recordings";

  @TempDir
  Path home;

  Cli cli;

  /** The CLI takes credentials from the SDK's default chain, whose first link reads these properties. */
  @BeforeAll
  static void standInCredentials() {
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    System.setProperty("aws.accessKeyId", credentials.accessKeyId());
    System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
  }

  @BeforeEach
  void configure() {
    cli = new Cli(home).with("--backend", "aws", "--region", "us-east-1", "--bucket", BUCKET, "--table", TABLE,
        "--s3-endpoint", AwsStandIns.s3Endpoint().toString(),
        "--dynamodb-endpoint", AwsStandIns.dynamoDbEndpoint().toString(), "--path-style");
  }

  @Test
  void initCreatesTheTableAndBucketAndCanRunAgain() {
    Cli.Result first = cli.run("admin", "init", "--retention", "7d", "--cors-origin", "https://app.example.com");
    Cli.Result second = cli.run("admin", "init", "--retention", "7d", "--cors-origin", "https://app.example.com");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains(TABLE).contains(BUCKET);
    assertThat(second.exitCode()).as(second.err()).isZero();
  }

  @Test
  void listAndSweepWorkOnTheTable() {
    assertThat(cli.run("admin", "init").exitCode()).isZero();
    PendingRecording old = TestRecordings.pending("ann@example.com", "room-aws", Cli.NOW.minus(Duration.ofDays(40)));
    try (AwsBackend aws = AwsBackend.create(AwsStandIns.settings(BUCKET, TABLE), AwsStandIns.credentials())) {
      aws.repository().insert(old);
    }

    Cli.Result list = cli.run("admin", "list", "--all");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern(old.id() + " +room-aws +ann@example.com .* PENDING \\(expired\\)");

    cli.clock = Clock.fixed(Cli.NOW, ZoneOffset.UTC);
    Cli.Result sweep = cli.run("admin", "sweep");
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    assertThat(sweep.out()).contains("aws bucket " + BUCKET).containsPattern("removed [1-9]\\d* expired");
    try (AwsBackend aws = AwsBackend.create(AwsStandIns.settings(BUCKET, TABLE), AwsStandIns.credentials())) {
      assertThat(aws.repository().find(old.id())).isEqualTo(Optional.empty());
    }
  }
}
