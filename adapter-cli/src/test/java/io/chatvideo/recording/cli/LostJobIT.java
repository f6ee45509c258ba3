package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.http.support.ServerProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * A recording completed while its job could not be queued is processed all the same. The server
 * jar runs on S3Proxy and DynamoDB Local with an SQS of its own (ElasticMQ, stopped before the
 * upload), answers the completion (the upload is verified, the recording {@code queued}), and is
 * then SIGKILLed: the job exists nowhere, as if the process had died between the two writes. A
 * new, empty queue comes up; the sweep, 11 minutes later by its clock, finds the recording still
 * {@code queued} and queues it again, and relays the publish of its {@code recording.completed}
 * event, whose SendMessage failed with the queue; a worker makes it ready and publishes both events.
 */
@ExtendWith(AwsStandIns.class)
class LostJobIT {

  private static final Pattern RECORDING_ID = Pattern.compile("recording ([0-9a-f-]{36})");
  /** Past the sweep's 10 minutes after which a queued recording counts as lost. */
  private static final Duration LATER = Duration.ofMinutes(11);

  @TempDir
  Path serverDirectory;

  @TempDir
  Path home;

  private final String name = "cli-lost-" + UUID.randomUUID().toString().substring(0, 8);
  private SQSRestServer queue;
  private ServerProcess server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (queue != null) {
      queue.stopAndWait();
    }
    AwsStandIns.deleteTable(name);
  }

  @Test
  void aRecordingWhoseJobWasLostIsQueuedAgainByTheSweepAndProcessed() throws Exception {
    URI firstQueue = startQueue();
    Cli.Result init = admin(firstQueue).run("admin", "init");
    assertThat(init.exitCode()).as(init.err()).isZero();
    server = ServerFixture.start(serverDirectory, serverEnvironment(firstQueue));
    queue.stopAndWait();
    queue = null;

    Cli user = ServerFixture.loggedIn(home.resolve("user"), server.uri(), "ann@example.com");
    Path call = Files.copy(ProcessedUploads.CHROMIUM_WEBM, home.resolve("call.webm"));
    Cli.Result upload = user.run("upload", call.toString(), "--room=lost-room");
    assertThat(upload.exitCode()).as(upload.err() + server.output()).isZero();
    Matcher id = RECORDING_ID.matcher(upload.out());
    assertThat(id.find()).as(upload.out()).isTrue();
    String recording = id.group(1);
    assertThat(user.run("list", "--room", "lost-room").out()).containsPattern(recording + " .* COMPLETED +queued");
    server.kill();

    URI secondQueue = startQueue();
    Cli operator = admin(secondQueue);
    assertThat(operator.run("admin", "init").exitCode()).isZero();
    Cli.Result nothingQueued = operator.run("worker", "--drain");
    assertThat(nothingQueued.exitCode()).as(nothingQueued.err()).isZero();
    assertThat(nothingQueued.out()).as("the job never reached a queue").isEmpty();

    operator.clock = Clock.offset(Clock.systemUTC(), LATER);
    Cli.Result sweep = operator.run("admin", "sweep");
    Cli.Result worker = operator.run("worker", "--drain");

    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    assertThat(sweep.out()).contains("queued 1 recordings' processing again")
        .as("the completion's event, written with it, lost its publish job with the queue: relayed")
        .contains("published 1 events again whose publish job may have been lost");
    assertThat(worker.exitCode()).as(worker.err()).isZero();
    // The worker reads the recording's state back from DynamoDB once the job is done.
    assertThat(worker.out()).containsPattern("(?m)^recording " + recording + ": ready \\(\\d+\\.\\d s\\)$");
    assertThat(worker.out()).containsPattern("(?m)^speakers of recording " + recording + ": done \\(\\d+\\.\\d s\\)$");
    assertThat(worker.out().lines().filter(line -> !line.startsWith("recording ") && !line.startsWith("speakers ")))
        .as("the publish of recording.completed (relayed), of recording.ready (written by the worker) and of "
            + "recording.transcribed (the speaker step after it)")
        .hasSize(3).allMatch(line -> line.matches("event delivery msg_\\S+: done \\(\\d+\\.\\d s\\)"));
  }

  private URI startQueue() {
    queue = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    return URI.create("http://127.0.0.1:" + queue.waitUntilStarted().localAddress().getPort());
  }

  /** An operator's CLI on the same table, bucket and queue name, over {@code sqs}. */
  private Cli admin(URI sqs) {
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    Cli cli = new Cli(home.resolve("operator")).with("--backend", "aws", "--region", "us-east-1", "--bucket", name,
        "--table", name, "--queue", name, "--s3-endpoint", AwsStandIns.s3Endpoint().toString(),
        "--dynamodb-endpoint", AwsStandIns.dynamoDbEndpoint().toString(), "--sqs-endpoint", sqs.toString(),
        "--path-style");
    System.setProperty("aws.accessKeyId", credentials.accessKeyId());
    System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
    cli.clock = Clock.systemUTC();
    return cli;
  }

  /** The aws backend with processing on and no worker of its own: it only queues the jobs. */
  private Map<String, String> serverEnvironment(URI sqs) {
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    return Map.ofEntries(
        Map.entry("RECORDING_BACKEND", "aws"),
        Map.entry("RECORDING_AWS_REGION", "us-east-1"),
        Map.entry("RECORDING_AWS_BUCKET", name),
        Map.entry("RECORDING_AWS_TABLE", name),
        Map.entry("RECORDING_AWS_QUEUE", name),
        Map.entry("RECORDING_AWS_S3_ENDPOINT", AwsStandIns.s3Endpoint().toString()),
        Map.entry("RECORDING_AWS_DYNAMODB_ENDPOINT", AwsStandIns.dynamoDbEndpoint().toString()),
        Map.entry("RECORDING_AWS_SQS_ENDPOINT", sqs.toString()),
        Map.entry("RECORDING_AWS_PATH_STYLE", "true"),
        Map.entry("RECORDING_AUTH_ALLOW_DEV_WITH_AWS", "true"),
        Map.entry("RECORDING_PROCESSING_ENABLED", "true"),
        Map.entry("RECORDING_PROCESSING_WORKERS", "0"),
        Map.entry("AWS_ACCESS_KEY_ID", credentials.accessKeyId()),
        Map.entry("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey()));
  }
}
