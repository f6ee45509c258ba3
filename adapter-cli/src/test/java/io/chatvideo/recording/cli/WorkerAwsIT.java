package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.ProcessingState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The production path: {@code admin init} makes the SQS queues beside the table and bucket, the
 * core completes a recording on S3 and DynamoDB and queues its job in SQS, and {@code recordings
 * worker} with real ffmpeg makes it ready. ElasticMQ, S3Proxy and DynamoDB Local over HTTP. The
 * clock is the wall clock: S3's presigner signs with it (a URL expiring decades ahead is refused),
 * and a recording made now expires in 30 days, long after DynamoDB Local's TTL looks at it.
 */
@ExtendWith({AwsStandIns.class, SqsStandIn.class})
class WorkerAwsIT {

  @TempDir
  Path home;

  Cli cli;
  String name;
  final Clock clock = Clock.systemUTC();

  @BeforeAll
  static void standInCredentials() {
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    System.setProperty("aws.accessKeyId", credentials.accessKeyId());
    System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
  }

  @BeforeEach
  void configure() {
    name = "cli-worker-" + UUID.randomUUID().toString().substring(0, 8);
    cli = new Cli(home).with("--backend", "aws", "--region", "us-east-1", "--bucket", name, "--table", name,
        "--queue", name, "--s3-endpoint", AwsStandIns.s3Endpoint().toString(),
        "--dynamodb-endpoint", AwsStandIns.dynamoDbEndpoint().toString(),
        "--sqs-endpoint", SqsStandIn.endpoint().toString(), "--path-style");
    cli.clock = clock;
  }

  @AfterEach
  void deleteTable() {
    AwsStandIns.deleteTable(name);
  }

  private AwsSettings settings() {
    return AwsStandIns.settings(name, name).withQueue(name, Optional.of(SqsStandIn.endpoint()));
  }

  @Test
  void initMakesTheQueuesAndTheWorkerProcessesAJobFromSqs() {
    Cli.Result init = cli.run("admin", "init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out()).contains("SQS queue " + name + "-dead: created")
        .contains("SQS queue " + name + ": created, dead-letters to " + name + "-dead after 5 receives");
    CompletedRecording queued;
    try (AwsBackend aws = AwsBackend.create(settings(), AwsStandIns.credentials())) {
      queued = ProcessedUploads.complete(aws.repository(), aws.storage(), aws.jobs(5).orElseThrow(), clock,
          "ann@example.com", ProcessedUploads.CHROMIUM_WEBM);
    }

    Cli.Result worker = cli.run("worker", "--drain");

    assertThat(worker.exitCode()).as(worker.err()).isZero();
    // The recording made ready; then, in the queue's order, the publish of its recording.ready
    // (written with it), its speakers (a mixed upload: unavailable) and their recording.transcribed.
    assertThat(worker.out()).startsWith("recording " + queued.id() + ": ready (")
        .containsPattern("(?m)^speakers of recording " + queued.id() + ": done \\(\\d+\\.\\d s\\)$");
    assertThat(worker.out().lines().filter(line -> line.startsWith("event delivery ")))
        .hasSize(2).allMatch(line -> line.matches("event delivery msg_[0-9a-f]{32}: done \\(\\d+\\.\\d s\\)"));
    assertThat(worker.out().lines()).hasSize(4);
    assertThat(worker.err()).contains(", queue " + name);
    try (AwsBackend aws = AwsBackend.create(settings(), AwsStandIns.credentials())) {
      CompletedRecording ready = (CompletedRecording) aws.repository().find(queued.id()).orElseThrow();
      assertThat(ready.processing().state()).isEqualTo(ProcessingState.READY);
      assertThat(aws.storage().head(ready.details().objectKey().mp4Rendition())).isPresent();
      assertThat(aws.storage().head(ready.details().objectKey().thumbnail())).isPresent();
      assertThat(aws.jobs(5).orElseThrow().lease(Instant.now(), java.time.Duration.ofSeconds(5))).as("the job is done")
          .isEmpty();
    }
  }

  @Test
  void webhookEndpointsLiveInTheTableAndATestDeliveryIsAJobOnTheQueue() {
    assertThat(cli.run("admin", "init").exitCode()).isZero();
    Cli.Result added = cli.run("admin", "webhooks", "add", "https://hooks.example.com/in", "--events",
        "recording.ready");
    assertThat(added.exitCode()).as(added.err()).isZero();
    Matcher id = Pattern.compile("id: +(ep_[0-9a-f]{32})").matcher(added.out());
    assertThat(id.find()).as(added.out()).isTrue();
    String endpoint = id.group(1);

    assertThat(cli.run("admin", "webhooks", "list").out())
        .contains(endpoint + "  https://hooks.example.com/in  recording.ready  enabled");
    assertThat(cli.run("admin", "webhooks", "test", endpoint).out()).startsWith("queued webhook.test msg_");
    try (AwsBackend aws = AwsBackend.create(settings(), AwsStandIns.credentials())) {
      JobLease delivery = aws.jobs(5).orElseThrow().lease(Instant.now(), java.time.Duration.ofSeconds(5)).orElseThrow();
      assertThat(delivery.job().kind()).isEqualTo(JobKind.DELIVER_WEBHOOK);
      assertThat(delivery.job().subject()).contains(endpoint);
    }
    assertThat(cli.run("admin", "webhooks", "deliveries", endpoint).out())
        .contains("no deliveries to " + endpoint + " yet");
    assertThat(cli.run("admin", "webhooks", "remove", endpoint).out()).contains("removed " + endpoint);
    assertThat(cli.run("admin", "webhooks", "list").out()).contains("no webhook endpoints");
  }

  @Test
  void webhooksOnAwsWithoutAQueueSayWhatTheyNeed() {
    Cli noQueue = new Cli(home).with("--backend", "aws", "--region", "us-east-1", "--bucket", name, "--table", name,
        "--s3-endpoint", AwsStandIns.s3Endpoint().toString(),
        "--dynamodb-endpoint", AwsStandIns.dynamoDbEndpoint().toString(), "--path-style");

    Cli.Result listed = noQueue.run("admin", "webhooks", "list");

    assertThat(listed.exitCode()).isEqualTo(1);
    assertThat(listed.err()).isEqualTo("error: no job queue to deliver webhooks on: the aws backend needs --queue (or "
        + "RECORDING_AWS_QUEUE)\n");
  }

  @Test
  void aWorkerBeforeInitNamesTheMissingQueue() {
    Cli.Result worker = cli.run("worker", "--drain");

    assertThat(worker.exitCode()).isEqualTo(1);
    assertThat(worker.err()).isEqualTo("error: invalid configuration: recording.aws.queue (RECORDING_AWS_QUEUE) the SQS "
        + "queue " + name + " does not exist: create it with 'recordings admin init' or the server's "
        + "recording.aws.bootstrap=true\n");
  }
}
