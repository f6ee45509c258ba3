package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.HttpUrl;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the AWS backend keeps recordings: {@code AwsSettings.of("eu-west-1", "acme-recordings",
 * "recordings")} for AWS itself; with endpoint overrides and path-style access for an
 * S3-compatible or DynamoDB-compatible service (MinIO, Ceph, ScyllaDB Alternator, the test
 * stand-ins). Credentials are not settings: they come from a credentials provider. With a
 * {@code queue} ({@link #withQueue}), processing jobs go to SQS.
 *
 * @param apiCallTimeout the bound on one SDK call including its retries
 * @param queue the SQS queue of processing jobs; its dead-letter queue is {@code QUEUE-dead}
 * @param sqsEndpoint an SQS-compatible endpoint (ElasticMQ) instead of AWS's
 */
public record AwsSettings(
    String region, String bucket, String table, Optional<URI> s3Endpoint, Optional<URI> dynamoDbEndpoint,
    boolean pathStyle, Duration apiCallTimeout, Optional<String> queue, Optional<URI> sqsEndpoint) {

  public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(10);

  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  /** SQS's 80 characters, less the dead-letter queue's {@code -dead}. */
  private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9_-]{1,75}");

  public AwsSettings {
    Objects.requireNonNull(s3Endpoint, "s3Endpoint");
    Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(sqsEndpoint, "sqsEndpoint");
    checkRegion(region);
    checkBucket(bucket);
    checkTable(table);
    s3Endpoint.ifPresent(endpoint -> checkEndpoint("S3 endpoint", endpoint));
    dynamoDbEndpoint.ifPresent(endpoint -> checkEndpoint("DynamoDB endpoint", endpoint));
    queue.ifPresent(AwsSettings::checkQueue);
    sqsEndpoint.ifPresent(endpoint -> checkEndpoint("SQS endpoint", endpoint));
    if (apiCallTimeout == null || apiCallTimeout.isNegative() || apiCallTimeout.isZero()) {
      throw new IllegalArgumentException("AWS API call timeout must be positive, was " + apiCallTimeout);
    }
  }

  /** No job queue: recordings are stored, not processed. */
  public AwsSettings(String region, String bucket, String table, Optional<URI> s3Endpoint,
      Optional<URI> dynamoDbEndpoint, boolean pathStyle, Duration apiCallTimeout) {
    this(region, bucket, table, s3Endpoint, dynamoDbEndpoint, pathStyle, apiCallTimeout, Optional.empty(),
        Optional.empty());
  }

  /** These settings with processing jobs in the SQS queue {@code queue}, at {@code sqsEndpoint} if given. */
  public AwsSettings withQueue(String queue, Optional<URI> sqsEndpoint) {
    return new AwsSettings(region, bucket, table, s3Endpoint, dynamoDbEndpoint, pathStyle, apiCallTimeout,
        Optional.of(queue), sqsEndpoint);
  }

  /** AWS itself: no endpoint overrides, virtual-host style addressing, a 10 s call timeout. */
  public static AwsSettings of(String region, String bucket, String table) {
    return new AwsSettings(region, bucket, table, Optional.empty(), Optional.empty(), false, DEFAULT_API_CALL_TIMEOUT);
  }

  /** The region rule, for other adapters' AWS clients too (the SES mailer); an {@code IllegalArgumentException} says why. */
  public static void checkRegion(String region) {
    if (region == null || region.isBlank()) {
      throw new IllegalArgumentException("AWS region is required, e.g. us-east-1");
    }
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("AWS region '" + region + "' is not a region name like us-east-1");
    }
  }

  /** The S3 bucket naming rules for general purpose buckets. */
  private static void checkBucket(String bucket) {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("S3 bucket name is required");
    }
    String problem = null;
    if (!BUCKET.matcher(bucket).matches()) {
      problem = "must be 3 to 63 characters of lowercase letters, digits, '.' and '-', "
          + "beginning and ending with a letter or digit";
    } else if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
      problem = "must not have '..', '.-' or '-.'";
    } else if (IP_ADDRESS.matcher(bucket).matches()) {
      problem = "must not look like an IP address";
    } else if (bucket.startsWith("xn--") || bucket.startsWith("sthree-") || bucket.startsWith("amzn-s3-demo-")) {
      problem = "must not begin with xn--, sthree- or amzn-s3-demo-";
    } else if (bucket.endsWith("-s3alias") || bucket.endsWith("--ol-s3") || bucket.endsWith(".mrap")
        || bucket.endsWith("--x-s3") || bucket.endsWith("--table-s3")) {
      problem = "must not end with a suffix S3 reserves (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)";
    }
    if (problem != null) {
      throw new IllegalArgumentException("S3 bucket name '" + bucket + "' " + problem);
    }
  }

  private static void checkTable(String table) {
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException("DynamoDB table name is required");
    }
    if (!TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("DynamoDB table name '" + table
          + "' must be 3 to 255 characters of letters, digits, '_', '-' and '.'");
    }
  }

  private static void checkQueue(String queue) {
    if (!QUEUE.matcher(queue).matches()) {
      throw new IllegalArgumentException("SQS queue name '" + queue
          + "' must be 1 to 75 characters of letters, digits, '_' and '-' (its dead-letter queue adds -dead)");
    }
  }

  private static void checkEndpoint(String name, URI endpoint) {
    HttpUrl url;
    try {
      url = new HttpUrl(endpoint);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " '" + endpoint + "' must be an absolute http or https URL");
    }
    if (url.hasUserInfoQueryOrFragment()) {
      throw new IllegalArgumentException(name + " '" + endpoint.getHost()
          + "' must not carry user info, a query or a fragment");
    }
  }
}
