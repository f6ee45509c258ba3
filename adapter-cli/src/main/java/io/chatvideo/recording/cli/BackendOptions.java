package io.chatvideo.recording.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which store the admin commands work on, as the server is configured: each option falls back to
 * the server's environment variable, so an operator's shell that runs the server runs these too.
 */
final class BackendOptions {

  enum Kind { LOCAL, AWS }

  private final Environment environment;

  @Option(names = "--backend", paramLabel = "local|aws",
      description = "The store (env RECORDING_BACKEND; default: local).")
  Kind backend;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "local: the server's data directory (env RECORDINGS_DATA_DIR; default: ./data).")
  Path dataDir;

  @Option(names = "--region", paramLabel = "REGION", description = "aws: region (env RECORDING_AWS_REGION, AWS_REGION).")
  String region;

  @Option(names = "--bucket", paramLabel = "BUCKET", description = "aws: S3 bucket (env RECORDING_AWS_BUCKET).")
  String bucket;

  @Option(names = "--table", paramLabel = "TABLE", description = "aws: DynamoDB table (env RECORDING_AWS_TABLE).")
  String table;

  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "aws: an S3-compatible endpoint instead of AWS's (env RECORDING_AWS_S3_ENDPOINT).")
  String s3Endpoint;

  @Option(names = "--dynamodb-endpoint", paramLabel = "URL",
      description = "aws: a DynamoDB-compatible endpoint (env RECORDING_AWS_DYNAMODB_ENDPOINT).")
  String dynamoDbEndpoint;

  @Option(names = "--path-style", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
      description = "aws: path-style bucket URLs, for S3-compatible stores (env RECORDING_AWS_PATH_STYLE).")
  Boolean pathStyle;

  BackendOptions(Environment environment) {
    this.environment = environment;
  }

  Kind kind() {
    if (backend != null) {
      return backend;
    }
    return environment.variable("RECORDING_BACKEND").map(value -> {
      try {
        return Kind.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CliException("RECORDING_BACKEND must be local or aws, was '" + value + "'");
      }
    }).orElse(Kind.LOCAL);
  }

  Path dataDirectory() {
    return Optional.ofNullable(dataDir)
        .or(() -> environment.variable("RECORDINGS_DATA_DIR").map(Path::of))
        .orElse(Path.of("data"));
  }

  String region() {
    return required(region, "--region", "RECORDING_AWS_REGION", "AWS_REGION");
  }

  String bucket() {
    return required(bucket, "--bucket", "RECORDING_AWS_BUCKET");
  }

  String table() {
    return required(table, "--table", "RECORDING_AWS_TABLE");
  }

  Optional<URI> s3Endpoint() {
    return endpoint(s3Endpoint, "--s3-endpoint", "RECORDING_AWS_S3_ENDPOINT");
  }

  Optional<URI> dynamoDbEndpoint() {
    return endpoint(dynamoDbEndpoint, "--dynamodb-endpoint", "RECORDING_AWS_DYNAMODB_ENDPOINT");
  }

  boolean pathStyle() {
    return Optional.ofNullable(pathStyle)
        .or(() -> environment.variable("RECORDING_AWS_PATH_STYLE").map(Boolean::parseBoolean))
        .orElse(false);
  }

  private String required(String option, String name, String... variables) {
    Optional<String> value = Optional.ofNullable(option).filter(s -> !s.isBlank());
    for (String variable : variables) {
      value = value.or(() -> environment.variable(variable));
    }
    return value.orElseThrow(() -> new CliException("the aws backend needs " + name + " (or "
        + String.join(", ", variables) + ")"));
  }

  private Optional<URI> endpoint(String option, String name, String variable) {
    return Optional.ofNullable(option).filter(s -> !s.isBlank()).or(() -> environment.variable(variable))
        .map(text -> {
          try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
              throw new URISyntaxException(text, "no scheme or host");
            }
            return uri;
          } catch (URISyntaxException e) {
            throw new CliException(name + " (or " + variable + ") must be a URL like http://127.0.0.1:9000, was '"
                + text + "'");
          }
        });
  }
}
