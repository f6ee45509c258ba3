package io.chatvideo.recording.aws;

import java.util.Objects;

/**
 * One step of {@link AwsInfrastructure#bootstrap}: which resource, what happened to it, and the
 * sentence an operator reads, e.g. {@code S3 bucket acme CORS: set (PUT and GET from
 * https://app.example.com)}. {@link #toString()} is that line, so a log or a terminal prints it
 * as it is.
 *
 * @param resource e.g. {@code DynamoDB table recordings} or {@code S3 bucket acme lifecycle}
 * @param outcome what the step did
 * @param detail what an operator needs to know, starting with what was done
 */
public record BootstrapStep(String resource, BootstrapOutcome outcome, String detail) {

  public BootstrapStep {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  /** The operator's line: {@code resource: detail}. */
  public String line() {
    return resource + ": " + detail;
  }

  @Override
  public String toString() {
    return line();
  }
}
