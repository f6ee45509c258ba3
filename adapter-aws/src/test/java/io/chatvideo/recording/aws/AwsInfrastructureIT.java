package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@ExtendWith(AwsStandIns.class)
class AwsInfrastructureIT {

  private static DynamoDbClient dynamoDb;

  @BeforeAll
  static void connect() {
    dynamoDb = AwsStandIns.dynamoDbClient();
  }

  @AfterAll
  static void disconnect() {
    dynamoDb.close();
  }

  @Test
  void theFirstBootstrapCreatesEverythingAndTheSecondChangesNothing() {
    String name = "infra-" + UUID.randomUUID().toString().substring(0, 8);
    try (AwsBackend aws = AwsBackend.create(AwsStandIns.settings(name, name), AwsStandIns.credentials())) {
      List<BootstrapStep> first = aws.infrastructure().bootstrap(Duration.ofDays(30), List.of("https://app.example.com"));
      List<BootstrapStep> second = aws.infrastructure().bootstrap(Duration.ofDays(30), List.of("https://app.example.com"));

      assertThat(first).extracting(BootstrapStep::outcome).containsExactly(BootstrapOutcome.CREATED,
          BootstrapOutcome.CHANGED, BootstrapOutcome.CREATED, BootstrapOutcome.SKIPPED, BootstrapOutcome.SKIPPED);
      assertThat(first).extracting(BootstrapStep::line).containsExactly(
          "DynamoDB table " + name + ": created with indexes by_owner, by_room and by_pending",
          "DynamoDB table " + name + " TTL: enabled on ttl now",
          "S3 bucket " + name + ": created",
          "S3 bucket " + name + " lifecycle: skipped, the S3 endpoint does not implement it (501); configure it by hand"
              + " if the service has another way",
          "S3 bucket " + name + " CORS: skipped, the S3 endpoint does not implement it (501); configure it by hand if"
              + " the service has another way");
      assertThat(second.subList(0, 3)).extracting(BootstrapStep::outcome).containsOnly(BootstrapOutcome.UNCHANGED);
      assertThat(second).extracting(BootstrapStep::line).startsWith(
          "DynamoDB table " + name + ": exists with indexes by_owner, by_room and by_pending",
          "DynamoDB table " + name + " TTL: enabled on ttl",
          "S3 bucket " + name + ": exists");
      assertThat(dynamoDb.describeTable(d -> d.tableName(name)).table().globalSecondaryIndexes())
          .extracting(GlobalSecondaryIndexDescription::indexName).containsExactlyInAnyOrder("by_owner", "by_room", "by_pending");
      TimeToLiveDescription ttl = dynamoDb.describeTimeToLive(d -> d.tableName(name)).timeToLiveDescription();
      assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
      assertThat(ttl.attributeName()).isEqualTo("ttl");
    } finally {
      AwsStandIns.deleteTable(name);
    }
  }

  @Test
  void aSeedTableWithoutListingIndexesGetsThemOneAtATime() throws InterruptedException {
    String name = "seed-" + UUID.randomUUID().toString().substring(0, 8);
    dynamoDb.createTable(c -> c.tableName(name)
        .billingMode("PAY_PER_REQUEST")
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName("PK").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("SK").attributeType(ScalarAttributeType.S).build())
        .keySchema(
            KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build()));
    try (AwsBackend aws = AwsBackend.create(AwsStandIns.settings(name, name), AwsStandIns.credentials())) {
      List<BootstrapStep> first = aws.infrastructure().bootstrap(Duration.ofDays(30), List.of());
      awaitIndexesActive(name);
      List<BootstrapStep> second = aws.infrastructure().bootstrap(Duration.ofDays(30), List.of());

      assertThat(first).extracting(BootstrapStep::outcome).startsWith(BootstrapOutcome.CHANGED, BootstrapOutcome.PENDING);
      assertThat(first).extracting(BootstrapStep::line).startsWith(
          "DynamoDB table " + name + ": exists; creating index by_owner (DynamoDB backfills it in the background)",
          "DynamoDB table " + name + ": indexes by_room and by_pending are missing too; run init again once by_owner is"
              + " active");
      assertThat(second).extracting(BootstrapStep::line).startsWith(
          "DynamoDB table " + name + ": exists; creating index by_room (DynamoDB backfills it in the background)");
      awaitIndexesActive(name);
      aws.infrastructure().bootstrap(Duration.ofDays(30), List.of());
      assertThat(dynamoDb.describeTable(d -> d.tableName(name)).table().globalSecondaryIndexes())
          .extracting(GlobalSecondaryIndexDescription::indexName)
          .containsExactlyInAnyOrder("by_owner", "by_room", "by_pending");
      assertThat(first).last().hasToString("S3 bucket " + name + " CORS: left as it is (no web client origin given)");
    } finally {
      AwsStandIns.deleteTable(name);
    }
  }

  /** Polls until DynamoDB's background build of the table's indexes is done, for at most a minute. */
  private static void awaitIndexesActive(String table) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    List<GlobalSecondaryIndexDescription> indexes;
    while ((indexes = dynamoDb.describeTable(d -> d.tableName(table)).table().globalSecondaryIndexes()).stream()
        .anyMatch(index -> index.indexStatus() != IndexStatus.ACTIVE)) {
      assertThat(System.nanoTime()).as("indexes of " + table + " active in time: " + indexes).isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
