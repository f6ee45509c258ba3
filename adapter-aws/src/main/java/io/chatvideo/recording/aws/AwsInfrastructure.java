package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortIncompleteMultipartUpload;
import software.amazon.awssdk.services.s3.model.BucketLifecycleConfiguration;
import software.amazon.awssdk.services.s3.model.CORSConfiguration;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.PutBucketCorsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketLifecycleConfigurationRequest;

/**
 * Creates what the AWS backend needs, for the CLI's {@code admin init}: the DynamoDB table with
 * its listing indexes and TTL, and the S3 bucket with lifecycle rules and CORS for the web
 * client. Running it again changes nothing that is already as wanted. Lifecycle and CORS rules
 * of this product are recognised by their ids and replaced; other rules on the bucket are kept.
 * An S3-compatible service that does not implement lifecycle or CORS configuration (501) is
 * reported, not failed: the core's sweep deletes expired objects anyway.
 */
public final class AwsInfrastructure {

  static final String EXPIRE_RULE_ID = "call-recordings-expire-recordings";
  static final String ABORT_RULE_ID = "call-recordings-abort-incomplete-uploads";
  static final String CORS_RULE_ID = "call-recordings-web-client";
  static final int ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 1;
  static final int CORS_MAX_AGE_SECONDS = 3600;

  private final S3Client s3;
  private final DynamoDbClient dynamoDb;
  private final AwsSettings settings;

  AwsInfrastructure(S3Client s3, DynamoDbClient dynamoDb, AwsSettings settings) {
    this.s3 = s3;
    this.dynamoDb = dynamoDb;
    this.settings = settings;
  }

  /**
   * Idempotent: creates what is missing, updates lifecycle/CORS to the wanted rules; returns what
   * it did, one line per step.
   *
   * @param retention how long recordings live; objects under {@code recordings/} expire a day later
   * @param corsOrigins the web client's origins, e.g. {@code https://app.example.com}; none leaves CORS as it is
   */
  public List<String> bootstrap(Duration retention, List<String> corsOrigins) {
    RetentionPolicy policy = new RetentionPolicy(retention);
    List<String> origins = checkOrigins(corsOrigins);
    List<String> report = new ArrayList<>();
    report.addAll(table());
    report.add(timeToLive());
    report.add(bucket());
    report.add(lifecycle(policy.retention()));
    report.add(cors(origins));
    return List.copyOf(report);
  }

  /** The table: the seed's PK/SK key, on-demand capacity, and the two listing indexes with every attribute. */
  public CreateTableRequest createTableRequest() {
    return createTableRequest(settings.table());
  }

  static CreateTableRequest createTableRequest(String table) {
    return CreateTableRequest.builder()
        .tableName(table)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(stringAttributes(RecordingItem.PK, RecordingItem.SK, RecordingItem.OWNER_PK,
            RecordingItem.OWNER_SK, RecordingItem.ROOM_PK, RecordingItem.ROOM_SK))
        .keySchema(key(RecordingItem.PK, RecordingItem.SK))
        .globalSecondaryIndexes(ownerIndex(), roomIndex())
        .build();
  }

  /** Objects under {@code recordings/} expire a day after the retention; incomplete uploads are aborted after a day. */
  public PutBucketLifecycleConfigurationRequest lifecycleRequest(Duration retention) {
    return lifecycleRequest(retention, List.of());
  }

  /** PUT and GET from the web client's origins, with {@code ETag} readable for multipart completion. */
  public PutBucketCorsRequest corsRequest(List<String> origins) {
    return corsRequest(checkOrigins(origins), List.of());
  }

  /** The wanted lifecycle rules, after the bucket's other rules. */
  PutBucketLifecycleConfigurationRequest lifecycleRequest(Duration retention, List<LifecycleRule> existing) {
    LifecycleRule expire = LifecycleRule.builder()
        .id(EXPIRE_RULE_ID)
        .filter(LifecycleRuleFilter.builder().prefix(ObjectKey.PREFIX).build())
        .status(ExpirationStatus.ENABLED)
        .expiration(LifecycleExpiration.builder().days(expirationDays(retention)).build())
        .build();
    LifecycleRule abort = LifecycleRule.builder()
        .id(ABORT_RULE_ID)
        .filter(LifecycleRuleFilter.builder().prefix(ObjectKey.PREFIX).build())
        .status(ExpirationStatus.ENABLED)
        .abortIncompleteMultipartUpload(AbortIncompleteMultipartUpload.builder()
            .daysAfterInitiation(ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS).build())
        .build();
    List<LifecycleRule> rules = new ArrayList<>(existing.stream()
        .filter(rule -> !Set.of(EXPIRE_RULE_ID, ABORT_RULE_ID).contains(rule.id()))
        .toList());
    rules.add(expire);
    rules.add(abort);
    return PutBucketLifecycleConfigurationRequest.builder()
        .bucket(settings.bucket())
        .lifecycleConfiguration(BucketLifecycleConfiguration.builder().rules(rules).build())
        .build();
  }

  /** Whole days S3 keeps a recording's object: the retention rounded up, plus one day for uploads still finishing. */
  static int expirationDays(Duration retention) {
    long wholeDays = new RetentionPolicy(retention).retention().toDays();
    boolean partialDay = retention.compareTo(Duration.ofDays(wholeDays)) > 0;
    return Math.toIntExact(wholeDays + (partialDay ? 1 : 0) + 1);
  }

  /** The wanted CORS rule, after the bucket's other rules. */
  PutBucketCorsRequest corsRequest(List<String> origins, List<CORSRule> existing) {
    CORSRule webClient = CORSRule.builder()
        .id(CORS_RULE_ID)
        .allowedOrigins(origins)
        .allowedMethods("PUT", "GET")
        .allowedHeaders("content-type")
        .exposeHeaders("ETag")
        .maxAgeSeconds(CORS_MAX_AGE_SECONDS)
        .build();
    List<CORSRule> rules = new ArrayList<>(existing.stream().filter(rule -> !CORS_RULE_ID.equals(rule.id())).toList());
    rules.add(webClient);
    return PutBucketCorsRequest.builder()
        .bucket(settings.bucket())
        .corsConfiguration(CORSConfiguration.builder().corsRules(rules).build())
        .build();
  }

  private List<String> table() {
    String name = "DynamoDB table " + settings.table();
    TableDescription table;
    try {
      table = dynamoDb.describeTable(d -> d.tableName(settings.table())).table();
    } catch (ResourceNotFoundException missing) {
      call(name, () -> dynamoDb.createTable(createTableRequest()));
      call(name, () -> dynamoDb.waiter().waitUntilTableExists(w -> w.tableName(settings.table())));
      return List.of(name + ": created with indexes " + RecordingItem.BY_OWNER + " and " + RecordingItem.BY_ROOM);
    } catch (SdkException e) {
      throw failed(name, e);
    }
    Set<String> indexes = table.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName)
        .collect(Collectors.toSet());
    List<GlobalSecondaryIndex> missing = new ArrayList<>();
    if (!indexes.contains(RecordingItem.BY_OWNER)) {
      missing.add(ownerIndex());
    }
    if (!indexes.contains(RecordingItem.BY_ROOM)) {
      missing.add(roomIndex());
    }
    if (missing.isEmpty()) {
      return List.of(name + ": exists with indexes " + RecordingItem.BY_OWNER + " and " + RecordingItem.BY_ROOM);
    }
    // DynamoDB builds one new index of a table at a time.
    Optional<String> building = table.globalSecondaryIndexes().stream()
        .filter(index -> index.indexStatus() == IndexStatus.CREATING)
        .map(GlobalSecondaryIndexDescription::indexName)
        .findFirst();
    if (building.isPresent()) {
      return List.of(name + ": index " + building.get() + " is still being built; run init again once it is active "
          + "to create " + missing.stream().map(GlobalSecondaryIndex::indexName).collect(Collectors.joining(" and ")));
    }
    GlobalSecondaryIndex next = missing.get(0);
    call(name, () -> dynamoDb.updateTable(u -> u.tableName(settings.table())
        .attributeDefinitions(stringAttributes(next.keySchema().stream().map(KeySchemaElement::attributeName)
            .toArray(String[]::new)))
        .globalSecondaryIndexUpdates(update -> update.create(create -> create.indexName(next.indexName())
            .keySchema(next.keySchema()).projection(next.projection())))));
    List<String> lines = new ArrayList<>();
    lines.add(name + ": exists; creating index " + next.indexName() + " (DynamoDB backfills it in the background)");
    if (missing.size() > 1) {
      lines.add(name + ": index " + missing.get(1).indexName()
          + " is missing too; run init again once " + next.indexName() + " is active");
    }
    return lines;
  }

  private String timeToLive() {
    String name = "DynamoDB table " + settings.table() + " TTL";
    TimeToLiveDescription ttl = call(name, () -> dynamoDb.describeTimeToLive(d -> d.tableName(settings.table())))
        .timeToLiveDescription();
    TimeToLiveStatus status = ttl == null ? TimeToLiveStatus.DISABLED : ttl.timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      if (!RecordingItem.TTL.equals(ttl.attributeName())) {
        return name + ": left as it is, on attribute " + ttl.attributeName() + " instead of " + RecordingItem.TTL
            + "; expired recordings are still never shown, but their items stay until deleted";
      }
      return name + ": enabled on " + RecordingItem.TTL;
    }
    call(name, () -> dynamoDb.updateTimeToLive(u -> u.tableName(settings.table())
        .timeToLiveSpecification(spec -> spec.enabled(true).attributeName(RecordingItem.TTL))));
    return name + ": enabled on " + RecordingItem.TTL + " now";
  }

  private String bucket() {
    String name = "S3 bucket " + settings.bucket();
    try {
      s3.headBucket(h -> h.bucket(settings.bucket()));
      return name + ": exists";
    } catch (AwsServiceException e) {
      if (e.statusCode() == 403) {
        throw new StorageUnavailableException(name + " exists, but these credentials may not use it", e);
      }
      if (e.statusCode() != 404) {
        throw failed(name, e);
      }
    } catch (SdkException e) {
      throw failed(name, e);
    }
    boolean usEast1 = Region.US_EAST_1.id().equals(settings.region());
    call(name, () -> s3.createBucket(c -> {
      c.bucket(settings.bucket());
      if (!usEast1) {
        // Outside us-east-1, S3 wants the region named; inside, it refuses it.
        c.createBucketConfiguration(b -> b.locationConstraint(settings.region()));
      }
    }));
    call(name, () -> s3.waiter().waitUntilBucketExists(h -> h.bucket(settings.bucket())));
    return name + ": created";
  }

  private String lifecycle(Duration retention) {
    String name = "S3 bucket " + settings.bucket() + " lifecycle";
    Optional<List<LifecycleRule>> current = currentRules(name,
        () -> s3.getBucketLifecycleConfiguration(g -> g.bucket(settings.bucket())).rules());
    if (current.isEmpty()) {
      return notImplemented(name);
    }
    List<LifecycleRule> existing = current.get();
    PutBucketLifecycleConfigurationRequest wanted = lifecycleRequest(retention, existing);
    String rules = "objects under " + ObjectKey.PREFIX + " expire after " + expirationDays(retention)
        + " days, incomplete uploads are aborted after " + ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS + " day";
    if (wanted.lifecycleConfiguration().rules().equals(existing)) {
      return name + ": unchanged (" + rules + ")";
    }
    if (!putRules(name, () -> s3.putBucketLifecycleConfiguration(wanted))) {
      return notImplemented(name);
    }
    return name + ": set (" + rules + ")";
  }

  private String cors(List<String> origins) {
    String name = "S3 bucket " + settings.bucket() + " CORS";
    if (origins.isEmpty()) {
      return name + ": left as it is (no web client origin given)";
    }
    Optional<List<CORSRule>> current = currentRules(name,
        () -> s3.getBucketCors(g -> g.bucket(settings.bucket())).corsRules());
    if (current.isEmpty()) {
      return notImplemented(name);
    }
    List<CORSRule> existing = current.get();
    PutBucketCorsRequest wanted = corsRequest(origins, existing);
    String rule = "PUT and GET from " + String.join(", ", origins);
    if (wanted.corsConfiguration().corsRules().equals(existing)) {
      return name + ": unchanged (" + rule + ")";
    }
    if (!putRules(name, () -> s3.putBucketCors(wanted))) {
      return notImplemented(name);
    }
    return name + ": set (" + rule + ")";
  }

  /**
   * The bucket's current rules of one kind (lifecycle, CORS): empty when it has none (404), absent
   * when the endpoint does not implement them (501, as S3Proxy and some S3-compatibles answer).
   */
  private static <T> Optional<List<T>> currentRules(String name, Supplier<List<T>> read) {
    try {
      return Optional.of(read.get());
    } catch (AwsServiceException e) {
      if (e.statusCode() == 501) {
        return Optional.empty();
      }
      if (e.statusCode() != 404) {
        throw failed(name, e);
      }
      return Optional.of(List.of());
    } catch (SdkException e) {
      throw failed(name, e);
    }
  }

  /** Sets the wanted rules; false when the endpoint does not implement them (501). */
  private static boolean putRules(String name, Runnable put) {
    try {
      put.run();
      return true;
    } catch (AwsServiceException e) {
      if (e.statusCode() == 501) {
        return false;
      }
      throw failed(name, e);
    } catch (SdkException e) {
      throw failed(name, e);
    }
  }

  private static String notImplemented(String name) {
    return name + ": skipped, the S3 endpoint does not implement it (501); configure it by hand if the service has "
        + "another way";
  }

  /** Web origins as browsers send them: {@code scheme://host[:port]}, no path, no wildcard. */
  static List<String> checkOrigins(List<String> origins) {
    Objects.requireNonNull(origins, "corsOrigins");
    List<String> checked = new ArrayList<>();
    for (String origin : origins) {
      if (origin == null || origin.isBlank()) {
        throw new IllegalArgumentException("a CORS origin must not be blank");
      }
      URI uri;
      try {
        uri = new URI(origin);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("CORS origin '" + origin + "' is not a URL like https://app.example.com");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
          && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
          || origin.contains("*")) {
        throw new IllegalArgumentException("CORS origin '" + origin
            + "' must be a web origin like https://app.example.com (scheme, host and port only, no wildcard)");
      }
      checked.add(origin);
    }
    return List.copyOf(checked);
  }

  private static GlobalSecondaryIndex ownerIndex() {
    return index(RecordingItem.BY_OWNER, RecordingItem.OWNER_PK, RecordingItem.OWNER_SK);
  }

  private static GlobalSecondaryIndex roomIndex() {
    return index(RecordingItem.BY_ROOM, RecordingItem.ROOM_PK, RecordingItem.ROOM_SK);
  }

  /** Listings read whole recordings from the index, so it projects every attribute. */
  private static GlobalSecondaryIndex index(String name, String partitionKey, String sortKey) {
    return GlobalSecondaryIndex.builder()
        .indexName(name)
        .keySchema(key(partitionKey, sortKey))
        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
        .build();
  }

  private static List<KeySchemaElement> key(String partitionKey, String sortKey) {
    return List.of(
        KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build(),
        KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
  }

  private static List<AttributeDefinition> stringAttributes(String... names) {
    return Arrays.stream(names)
        .map(name -> AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build())
        .toList();
  }

  private static <T> T call(String name, Supplier<T> action) {
    try {
      return action.get();
    } catch (SdkException e) {
      throw failed(name, e);
    }
  }

  private static StorageUnavailableException failed(String name, SdkException e) {
    return new StorageUnavailableException(name + ": " + e.getMessage(), e);
  }
}
