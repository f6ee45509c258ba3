package io.chatvideo.recording.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code recording.aws.*} settings, used when {@code recording.backend=aws}.
 *
 * @param region AWS region, e.g. {@code eu-west-1}
 * @param bucket S3 bucket of the recordings
 * @param table DynamoDB table of the metadata
 * @param s3Endpoint S3-compatible endpoint (MinIO, Ceph) instead of AWS
 * @param dynamodbEndpoint DynamoDB-compatible endpoint (ScyllaDB Alternator, DynamoDB Local) instead of AWS
 * @param pathStyle path-style bucket addressing, which most S3-compatible stores need
 * @param apiCallTimeout bound on every call to S3 or DynamoDB
 * @param bootstrap create the table and bucket if missing and set their TTL, lifecycle and CORS
 *     rules at start-up, and the job queues when a queue is set (the CLI's admin command does the
 *     same on demand)
 * @param queue SQS queue of processing jobs (its dead-letter queue is {@code QUEUE-dead}); none:
 *     recordings on this backend are not processed
 * @param sqsEndpoint SQS-compatible endpoint (ElasticMQ) instead of AWS
 */
@ConfigurationProperties("recording.aws")
public record AwsBackendSettings(
    @Bindable(defaultValue = "us-east-1") @NotNull String region,
    @Nullable String bucket,
    @Bindable(defaultValue = "recordings") @NotNull String table,
    @Nullable URI s3Endpoint,
    @Nullable URI dynamodbEndpoint,
    @Bindable(defaultValue = "false") boolean pathStyle,
    @Bindable(defaultValue = "10s") @NotNull Duration apiCallTimeout,
    @Bindable(defaultValue = "false") boolean bootstrap,
    @Nullable String queue,
    @Nullable URI sqsEndpoint) {

  public Optional<URI> s3() {
    return Optional.ofNullable(s3Endpoint);
  }

  public Optional<URI> dynamoDb() {
    return Optional.ofNullable(dynamodbEndpoint);
  }

  /** The queue, unless unset or blank (as an empty environment variable gives). */
  public Optional<String> jobQueue() {
    return Optional.ofNullable(queue).map(String::strip).filter(name -> !name.isEmpty());
  }

  public Optional<URI> sqs() {
    return Optional.ofNullable(sqsEndpoint);
  }
}
