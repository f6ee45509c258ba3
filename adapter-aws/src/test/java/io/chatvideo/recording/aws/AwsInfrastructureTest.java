package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.s3.model.CORSRule;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleExpiration;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.PutBucketCorsRequest;
import software.amazon.awssdk.services.s3.model.PutBucketLifecycleConfigurationRequest;

/** The requests the bootstrap sends, as built: S3Proxy answers 501 to lifecycle and CORS configuration. */
class AwsInfrastructureTest {

  private final AwsBackend aws = AwsBackend.create(AwsSettings.of("eu-west-1", "acme-recordings", "recordings"),
      AnonymousCredentialsProvider.create());
  private final AwsInfrastructure infrastructure = aws.infrastructure();

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void theTableHasTheSeedKeyBothListingIndexesProjectingEverythingAndThePendingEventsIndexOfKeys() {
    CreateTableRequest table = infrastructure.createTableRequest();

    assertThat(table.tableName()).isEqualTo("recordings");
    assertThat(table.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(table.keySchema()).containsExactly(hash("PK"), range("SK"));
    assertThat(table.attributeDefinitions()).extracting(AttributeDefinition::attributeName)
        .containsExactlyInAnyOrder("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK");
    assertThat(table.attributeDefinitions()).extracting(AttributeDefinition::attributeTypeAsString).containsOnly("S");
    assertThat(table.globalSecondaryIndexes()).extracting(GlobalSecondaryIndex::indexName)
        .containsExactly("by_owner", "by_room", "by_pending");
    assertThat(table.globalSecondaryIndexes().get(0).keySchema()).containsExactly(hash("GSI1PK"), range("GSI1SK"));
    assertThat(table.globalSecondaryIndexes().get(1).keySchema()).containsExactly(hash("GSI2PK"), range("GSI2SK"));
    assertThat(table.globalSecondaryIndexes().get(2).keySchema()).containsExactly(hash("GSI3PK"), range("GSI3SK"));
    assertThat(table.globalSecondaryIndexes()).extracting(index -> index.projection().projectionType())
        .containsExactly(ProjectionType.ALL, ProjectionType.ALL, ProjectionType.KEYS_ONLY);
  }

  @Test
  void recordingsExpireADayAfterTheRetentionAndIncompleteUploadsAreAbortedAfterADay() {
    PutBucketLifecycleConfigurationRequest request = infrastructure.lifecycleRequest(Duration.ofDays(30));

    assertThat(request.bucket()).isEqualTo("acme-recordings");
    List<LifecycleRule> rules = request.lifecycleConfiguration().rules();
    assertThat(rules).hasSize(2);
    LifecycleRule expire = rules.get(0);
    assertThat(expire.filter().prefix()).isEqualTo("recordings/");
    assertThat(expire.status()).isEqualTo(ExpirationStatus.ENABLED);
    assertThat(expire.expiration()).isEqualTo(LifecycleExpiration.builder().days(31).build());
    assertThat(expire.abortIncompleteMultipartUpload()).isNull();
    LifecycleRule abort = rules.get(1);
    assertThat(abort.filter().prefix()).isEqualTo("recordings/");
    assertThat(abort.status()).isEqualTo(ExpirationStatus.ENABLED);
    assertThat(abort.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(1);
    assertThat(abort.expiration()).isNull();
  }

  @ParameterizedTest
  @CsvSource({"P1D,2", "PT36H,3", "P7D,8", "PT1S,2", "P365D,366"})
  void theExpiryRoundsAPartialRetentionDayUp(Duration retention, int days) {
    assertThat(BucketSetup.expirationDays(retention)).isEqualTo(days);
    assertThat(infrastructure.lifecycleRequest(retention).lifecycleConfiguration().rules().get(0).expiration().days())
        .isEqualTo(days);
  }

  @Test
  void theBucketsOtherLifecycleRulesAreKeptAndOursReplaced() {
    LifecycleRule foreign = LifecycleRule.builder().id("logs-expire").status(ExpirationStatus.ENABLED)
        .filter(f -> f.prefix("logs/")).expiration(e -> e.days(7)).build();
    LifecycleRule oldOurs = LifecycleRule.builder().id(BucketSetup.EXPIRE_RULE_ID).status(ExpirationStatus.ENABLED)
        .filter(f -> f.prefix("recordings/")).expiration(e -> e.days(91)).build();

    List<LifecycleRule> rules = BucketSetup.lifecycleRequest("acme-recordings", Duration.ofDays(30), List.of(foreign, oldOurs))
        .lifecycleConfiguration().rules();

    assertThat(rules).extracting(LifecycleRule::id).containsExactly("logs-expire",
        BucketSetup.EXPIRE_RULE_ID, BucketSetup.ABORT_RULE_ID);
    assertThat(rules.get(0)).isEqualTo(foreign);
    assertThat(rules.get(1).expiration().days()).isEqualTo(31);
  }

  @Test
  void corsAllowsPutAndGetWithTheSignedHeadersFromTheWebClientAndExposesTheEtag() {
    PutBucketCorsRequest request = infrastructure.corsRequest(List.of("https://app.example.com", "http://localhost:8080"));

    assertThat(request.bucket()).isEqualTo("acme-recordings");
    assertThat(request.corsConfiguration().corsRules()).hasSize(1);
    CORSRule rule = request.corsConfiguration().corsRules().get(0);
    assertThat(rule.allowedOrigins()).containsExactly("https://app.example.com", "http://localhost:8080");
    assertThat(rule.allowedMethods()).containsExactly("PUT", "GET");
    // Content-Length is the browser's own; the other signed headers need the preflight's permission.
    assertThat(rule.allowedHeaders()).containsExactly("content-type", "if-none-match");
    assertThat(rule.exposeHeaders()).containsExactly("ETag");
    assertThat(rule.maxAgeSeconds()).isEqualTo(3600);
  }

  @Test
  void theBucketsOtherCorsRulesAreKept() {
    CORSRule foreign = CORSRule.builder().id("dashboard").allowedOrigins("https://dash.example.com")
        .allowedMethods("GET").build();

    List<CORSRule> rules = BucketSetup.corsRequest("acme-recordings", List.of(CorsOrigin.of("https://app.example.com")), List.of(foreign))
        .corsConfiguration().corsRules();

    assertThat(rules).extracting(CORSRule::id).containsExactly("dashboard", BucketSetup.CORS_RULE_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"*", "https://*.example.com", "app.example.com", "https://app.example.com/path",
      "ftp://app.example.com", "https://app.example.com?x=1", " "})
  void aCorsOriginThatIsNotAWebOriginIsRefused(String origin) {
    assertThatThrownBy(() -> infrastructure.corsRequest(List.of(origin)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CORS origin");
  }

  @Test
  void aNonPositiveRetentionIsRefusedBeforeAnythingIsCreated() {
    assertThatThrownBy(() -> infrastructure.bootstrap(Duration.ZERO, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention must be positive");
  }

  private static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  private static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }
}
