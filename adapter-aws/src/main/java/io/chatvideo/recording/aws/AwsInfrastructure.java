package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.RetentionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutBucketCorsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketLifecycleConfigurationRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates what the AWS backend needs, for the CLI's {@code admin init} and the server's
 * bootstrap: the DynamoDB table with its listing indexes and TTL ({@link TableSetup}), and the S3
 * bucket with lifecycle rules and CORS for the web client ({@link BucketSetup}), and with a queue
 * configured the SQS job queue and its dead-letter queue ({@link QueueSetup}). Running it again
 * changes nothing that is already as wanted.
 */
public final class AwsInfrastructure {

  private final AwsSettings settings;
  private final TableSetup table;
  private final BucketSetup bucket;
  private final Optional<SqsClient> sqs;

  AwsInfrastructure(S3Client s3, DynamoDbClient dynamoDb, Optional<SqsClient> sqs, AwsSettings settings) {
    this.settings = settings;
    this.table = new TableSetup(dynamoDb, settings.table());
    this.bucket = new BucketSetup(s3, settings.bucket(), settings.region());
    this.sqs = sqs;
  }

  /**
   * Idempotent: creates what is missing, updates lifecycle/CORS to the wanted rules; returns what
   * it did, a step per resource (two for a table that still lacks both indexes). The retention and
   * the origins are checked before anything is touched.
   *
   * @param retention how long recordings live; objects under {@code recordings/} expire a day later
   * @param corsOrigins the web client's origins, e.g. {@code https://app.example.com}; none leaves CORS as it is
   */
  public List<BootstrapStep> bootstrap(Duration retention, List<String> corsOrigins) {
    return bootstrap(retention, corsOrigins, AwsBackend.DEFAULT_JOB_ATTEMPTS);
  }

  /**
   * {@link #bootstrap(Duration, List)}, and with a queue configured its dead-letter queue and the
   * queue itself, whose redrive policy dead-letters a job after {@code jobAttempts} receives.
   */
  public List<BootstrapStep> bootstrap(Duration retention, List<String> corsOrigins, int jobAttempts) {
    if (sqs.isPresent() && (jobAttempts < 1 || jobAttempts > 1000)) {
      throw new IllegalArgumentException("SQS allows 1 to 1000 receives before dead-lettering, not " + jobAttempts);
    }
    RetentionPolicy policy = new RetentionPolicy(retention);
    List<CorsOrigin> origins = origins(corsOrigins);
    List<BootstrapStep> steps = new ArrayList<>(table.table());
    steps.add(table.timeToLive());
    steps.add(bucket.bucket());
    steps.add(bucket.lifecycle(policy.retention()));
    steps.add(bucket.cors(origins));
    sqs.ifPresent(client -> steps.addAll(new QueueSetup(client, settings.queue().orElseThrow(), jobAttempts).queues()));
    return List.copyOf(steps);
  }

  /** The table: the seed's PK/SK key, on-demand capacity, and the two listing indexes with every attribute. */
  public CreateTableRequest createTableRequest() {
    return TableSetup.createTableRequest(settings.table());
  }

  /** Objects under {@code recordings/} expire a day after the retention; incomplete uploads are aborted after a day. */
  public PutBucketLifecycleConfigurationRequest lifecycleRequest(Duration retention) {
    return BucketSetup.lifecycleRequest(settings.bucket(), retention, List.of());
  }

  /** PUT and GET from the web client's origins, with {@code ETag} readable for multipart completion. */
  public PutBucketCorsRequest corsRequest(List<String> origins) {
    return BucketSetup.corsRequest(settings.bucket(), origins(origins), List.of());
  }

  private static List<CorsOrigin> origins(List<String> origins) {
    Objects.requireNonNull(origins, "corsOrigins");
    return origins.stream().map(CorsOrigin::of).toList();
  }
}
