package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.SetupCalls.call;
import static io.chatvideo.recording.aws.SetupCalls.failed;

import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
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
 * The S3 bucket, its lifecycle rules and its CORS rule for the web client. This product's rules
 * are recognised by their ids and replaced; other rules on the bucket are kept. An endpoint that
 * does not implement lifecycle or CORS configuration (501) is reported, not failed: the core's
 * sweep deletes expired objects anyway.
 */
final class BucketSetup {

  static final String EXPIRE_RULE_ID = "call-recordings-expire-recordings";
  static final String ABORT_RULE_ID = "call-recordings-abort-incomplete-uploads";
  static final String CORS_RULE_ID = "call-recordings-web-client";
  static final int ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS = 1;
  static final int CORS_MAX_AGE_SECONDS = 3600;
  /**
   * What a browser sets on a presigned PUT beyond what it owns (Content-Length): the signed
   * content type and the create-only condition ({@link S3ObjectStorage}).
   */
  static final List<String> CORS_ALLOWED_HEADERS = List.of("content-type", "if-none-match");

  private final S3Client s3;
  private final String bucket;
  private final String region;

  BucketSetup(S3Client s3, String bucket, String region) {
    this.s3 = s3;
    this.bucket = bucket;
    this.region = region;
  }

  BootstrapStep bucket() {
    String name = "S3 bucket " + bucket;
    try {
      s3.headBucket(h -> h.bucket(bucket));
      return new BootstrapStep(name, BootstrapOutcome.UNCHANGED, "exists");
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
    boolean usEast1 = Region.US_EAST_1.id().equals(region);
    call(name, () -> s3.createBucket(c -> {
      c.bucket(bucket);
      if (!usEast1) {
        // Outside us-east-1, S3 wants the region named; inside, it refuses it.
        c.createBucketConfiguration(b -> b.locationConstraint(region));
      }
    }));
    call(name, () -> s3.waiter().waitUntilBucketExists(h -> h.bucket(bucket)));
    return new BootstrapStep(name, BootstrapOutcome.CREATED, "created");
  }

  BootstrapStep lifecycle(Duration retention) {
    String name = "S3 bucket " + bucket + " lifecycle";
    Optional<List<LifecycleRule>> current = currentRules(name,
        () -> s3.getBucketLifecycleConfiguration(g -> g.bucket(bucket)).rules());
    if (current.isEmpty()) {
      return notImplemented(name);
    }
    List<LifecycleRule> existing = current.get();
    PutBucketLifecycleConfigurationRequest wanted = lifecycleRequest(bucket, retention, existing);
    String rules = "objects under " + ObjectKey.PREFIX + " expire after " + expirationDays(retention)
        + " days, incomplete uploads are aborted after " + ABORT_INCOMPLETE_UPLOADS_AFTER_DAYS + " day";
    if (wanted.lifecycleConfiguration().rules().equals(existing)) {
      return new BootstrapStep(name, BootstrapOutcome.UNCHANGED, "unchanged (" + rules + ")");
    }
    if (!putRules(name, () -> s3.putBucketLifecycleConfiguration(wanted))) {
      return notImplemented(name);
    }
    return new BootstrapStep(name, BootstrapOutcome.CHANGED, "set (" + rules + ")");
  }

  BootstrapStep cors(List<CorsOrigin> origins) {
    String name = "S3 bucket " + bucket + " CORS";
    if (origins.isEmpty()) {
      return new BootstrapStep(name, BootstrapOutcome.SKIPPED, "left as it is (no web client origin given)");
    }
    Optional<List<CORSRule>> current = currentRules(name, () -> s3.getBucketCors(g -> g.bucket(bucket)).corsRules());
    if (current.isEmpty()) {
      return notImplemented(name);
    }
    List<CORSRule> existing = current.get();
    PutBucketCorsRequest wanted = corsRequest(bucket, origins, existing);
    String rule = "PUT and GET from " + origins.stream().map(CorsOrigin::value).collect(Collectors.joining(", "));
    if (wanted.corsConfiguration().corsRules().equals(existing)) {
      return new BootstrapStep(name, BootstrapOutcome.UNCHANGED, "unchanged (" + rule + ")");
    }
    if (!putRules(name, () -> s3.putBucketCors(wanted))) {
      return notImplemented(name);
    }
    return new BootstrapStep(name, BootstrapOutcome.CHANGED, "set (" + rule + ")");
  }

  /** The wanted lifecycle rules, after the bucket's other rules. */
  static PutBucketLifecycleConfigurationRequest lifecycleRequest(String bucket, Duration retention,
      List<LifecycleRule> existing) {
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
        .bucket(bucket)
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
  static PutBucketCorsRequest corsRequest(String bucket, List<CorsOrigin> origins, List<CORSRule> existing) {
    CORSRule webClient = CORSRule.builder()
        .id(CORS_RULE_ID)
        .allowedOrigins(origins.stream().map(CorsOrigin::value).toList())
        .allowedMethods("PUT", "GET")
        .allowedHeaders(CORS_ALLOWED_HEADERS)
        .exposeHeaders("ETag")
        .maxAgeSeconds(CORS_MAX_AGE_SECONDS)
        .build();
    List<CORSRule> rules = new ArrayList<>(existing.stream().filter(rule -> !CORS_RULE_ID.equals(rule.id())).toList());
    rules.add(webClient);
    return PutBucketCorsRequest.builder()
        .bucket(bucket)
        .corsConfiguration(CORSConfiguration.builder().corsRules(rules).build())
        .build();
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

  private static BootstrapStep notImplemented(String name) {
    return new BootstrapStep(name, BootstrapOutcome.SKIPPED, "skipped, the S3 endpoint does not implement it (501); "
        + "configure it by hand if the service has another way");
  }
}
