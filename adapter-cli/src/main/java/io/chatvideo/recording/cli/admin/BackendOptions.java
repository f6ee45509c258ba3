package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.terminal.CliException;
import io.chatvideo.recording.core.domain.HttpUrl;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which store the admin commands work on, as the server is configured: each option defaults to
 * the server's environment variable (picocli's {@code ${env:…}}), so an operator's shell that runs
 * the server runs these too.
 */
final class BackendOptions {

  /** Read with the rest of the settings ({@code recording.backend}), so checked where the server checks it. */
  @Option(names = "--backend", paramLabel = "local|aws",
      description = "The store (env RECORDING_BACKEND; default: local).")
  String backend;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:RECORDINGS_DATA_DIR:-data}",
      description = "local: the server's data directory (env RECORDINGS_DATA_DIR; default: ./data).")
  Path dataDir;

  @Option(names = "--region", paramLabel = "REGION", defaultValue = "${env:RECORDING_AWS_REGION:-${env:AWS_REGION}}",
      description = "aws: region (env RECORDING_AWS_REGION, AWS_REGION; default: us-east-1).")
  String region;

  @Option(names = "--bucket", paramLabel = "BUCKET", defaultValue = "${env:RECORDING_AWS_BUCKET}",
      description = "aws: S3 bucket (env RECORDING_AWS_BUCKET).")
  String bucket;

  @Option(names = "--table", paramLabel = "TABLE", defaultValue = "${env:RECORDING_AWS_TABLE}",
      description = "aws: DynamoDB table (env RECORDING_AWS_TABLE; default: recordings).")
  String table;

  @Option(names = "--s3-endpoint", paramLabel = "URL", defaultValue = "${env:RECORDING_AWS_S3_ENDPOINT}",
      description = "aws: an S3-compatible endpoint instead of AWS's (env RECORDING_AWS_S3_ENDPOINT).")
  String s3Endpoint;

  @Option(names = "--dynamodb-endpoint", paramLabel = "URL", defaultValue = "${env:RECORDING_AWS_DYNAMODB_ENDPOINT}",
      description = "aws: a DynamoDB-compatible endpoint (env RECORDING_AWS_DYNAMODB_ENDPOINT).")
  String dynamoDbEndpoint;

  @Option(names = "--queue", paramLabel = "QUEUE", defaultValue = "${env:RECORDING_AWS_QUEUE}",
      description = "aws: the SQS queue of processing jobs; its dead-letter queue is QUEUE-dead (env "
          + "RECORDING_AWS_QUEUE).")
  String queue;

  @Option(names = "--sqs-endpoint", paramLabel = "URL", defaultValue = "${env:RECORDING_AWS_SQS_ENDPOINT}",
      description = "aws: an SQS-compatible endpoint (env RECORDING_AWS_SQS_ENDPOINT).")
  String sqsEndpoint;

  @Option(names = "--path-style", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
      defaultValue = "${env:RECORDING_AWS_PATH_STYLE:-false}",
      description = "aws: path-style bucket URLs, for S3-compatible stores (env RECORDING_AWS_PATH_STYLE).")
  boolean pathStyle;

  @Option(names = "--webhook-allow-loopback", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
      defaultValue = "${env:RECORDING_WEBHOOK_ALLOW_LOOPBACK:-false}",
      description = "local: let webhook endpoints be plain http on loopback, as the server's setting "
          + "(env RECORDING_WEBHOOK_ALLOW_LOOPBACK).")
  boolean webhookAllowLoopback;

  Optional<String> backend() {
    return given(backend);
  }

  Path dataDirectory() {
    return dataDir;
  }

  Optional<String> region() {
    return given(region);
  }

  Optional<String> bucket() {
    return given(bucket);
  }

  Optional<String> table() {
    return given(table);
  }

  Optional<URI> s3Endpoint() {
    return endpoint(s3Endpoint, "--s3-endpoint", "RECORDING_AWS_S3_ENDPOINT");
  }

  Optional<URI> dynamoDbEndpoint() {
    return endpoint(dynamoDbEndpoint, "--dynamodb-endpoint", "RECORDING_AWS_DYNAMODB_ENDPOINT");
  }

  boolean pathStyle() {
    return pathStyle;
  }

  Optional<String> queue() {
    return given(queue);
  }

  Optional<URI> sqsEndpoint() {
    return endpoint(sqsEndpoint, "--sqs-endpoint", "RECORDING_AWS_SQS_ENDPOINT");
  }

  private static Optional<URI> endpoint(String value, String name, String variable) {
    return given(value).map(text -> {
      try {
        return HttpUrl.parse(text.strip()).uri();
      } catch (IllegalArgumentException e) {
        throw new CliException(name + " (or " + variable + ") must be a URL like http://127.0.0.1:9000, was '"
            + text + "'");
      }
    });
  }

  /** An option's value; blank, as an empty environment variable gives, counts as unset. */
  private static Optional<String> given(String value) {
    return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
  }
}
