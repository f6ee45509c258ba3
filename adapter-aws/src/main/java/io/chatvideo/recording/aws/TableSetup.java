package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.SetupCalls.call;
import static io.chatvideo.recording.aws.SetupCalls.failed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
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

/**
 * The DynamoDB table: the seed's PK/SK key on on-demand capacity, the two listing indexes, the
 * events' sparse pending index, and TTL on {@code ttl}. A table without an index gets it, one
 * per run, as DynamoDB builds one new index of a table at a time.
 */
final class TableSetup {

  private final DynamoDbClient dynamoDb;
  private final String table;

  TableSetup(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /** The table: the seed's PK/SK key, on-demand capacity, the two listing indexes with every attribute and the pending index. */
  static CreateTableRequest createTableRequest(String table) {
    return CreateTableRequest.builder()
        .tableName(table)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(stringAttributes(RecordingItem.PK, RecordingItem.SK, RecordingItem.OWNER_PK,
            RecordingItem.OWNER_SK, RecordingItem.ROOM_PK, RecordingItem.ROOM_SK, DynamoDbEventOutbox.PENDING_PK,
            DynamoDbEventOutbox.PENDING_SK))
        .keySchema(key(RecordingItem.PK, RecordingItem.SK))
        .globalSecondaryIndexes(indexes())
        .build();
  }

  List<BootstrapStep> table() {
    String name = "DynamoDB table " + table;
    TableDescription described;
    try {
      described = dynamoDb.describeTable(d -> d.tableName(table)).table();
    } catch (ResourceNotFoundException missing) {
      call(name, () -> dynamoDb.createTable(createTableRequest(table)));
      call(name, () -> dynamoDb.waiter().waitUntilTableExists(w -> w.tableName(table)));
      return List.of(new BootstrapStep(name, BootstrapOutcome.CREATED, "created with indexes " + indexNames()));
    } catch (SdkException e) {
      throw failed(name, e);
    }
    Set<String> indexes = described.globalSecondaryIndexes().stream()
        .map(GlobalSecondaryIndexDescription::indexName).collect(Collectors.toSet());
    List<GlobalSecondaryIndex> missing = indexes().stream().filter(index -> !indexes.contains(index.indexName()))
        .toList();
    if (missing.isEmpty()) {
      return List.of(new BootstrapStep(name, BootstrapOutcome.UNCHANGED, "exists with indexes " + indexNames()));
    }
    // DynamoDB builds one new index of a table at a time.
    Optional<String> building = described.globalSecondaryIndexes().stream()
        .filter(index -> index.indexStatus() == IndexStatus.CREATING)
        .map(GlobalSecondaryIndexDescription::indexName)
        .findFirst();
    if (building.isPresent()) {
      return List.of(new BootstrapStep(name, BootstrapOutcome.PENDING, "index " + building.get()
          + " is still being built; run init again once it is active to create "
          + missing.stream().map(GlobalSecondaryIndex::indexName).collect(Collectors.joining(" and "))));
    }
    GlobalSecondaryIndex next = missing.get(0);
    call(name, () -> dynamoDb.updateTable(u -> u.tableName(table)
        .attributeDefinitions(stringAttributes(next.keySchema().stream().map(KeySchemaElement::attributeName)
            .toArray(String[]::new)))
        .globalSecondaryIndexUpdates(update -> update.create(create -> create.indexName(next.indexName())
            .keySchema(next.keySchema()).projection(next.projection())))));
    List<BootstrapStep> steps = new ArrayList<>();
    steps.add(new BootstrapStep(name, BootstrapOutcome.CHANGED,
        "exists; creating index " + next.indexName() + " (DynamoDB backfills it in the background)"));
    if (missing.size() > 1) {
      steps.add(new BootstrapStep(name, BootstrapOutcome.PENDING, (missing.size() > 2 ? "indexes " : "index ")
          + missing.subList(1, missing.size()).stream().map(GlobalSecondaryIndex::indexName)
              .collect(Collectors.joining(" and "))
          + (missing.size() > 2 ? " are" : " is") + " missing too; run init again once " + next.indexName()
          + " is active"));
    }
    return steps;
  }

  BootstrapStep timeToLive() {
    String name = "DynamoDB table " + table + " TTL";
    TimeToLiveDescription ttl = call(name, () -> dynamoDb.describeTimeToLive(d -> d.tableName(table)))
        .timeToLiveDescription();
    TimeToLiveStatus status = ttl == null ? TimeToLiveStatus.DISABLED : ttl.timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      if (!RecordingItem.TTL.equals(ttl.attributeName())) {
        return new BootstrapStep(name, BootstrapOutcome.SKIPPED, "left as it is, on attribute " + ttl.attributeName()
            + " instead of " + RecordingItem.TTL
            + "; expired recordings are still never shown, but their items stay until deleted");
      }
      return new BootstrapStep(name, BootstrapOutcome.UNCHANGED, "enabled on " + RecordingItem.TTL);
    }
    call(name, () -> dynamoDb.updateTimeToLive(u -> u.tableName(table)
        .timeToLiveSpecification(spec -> spec.enabled(true).attributeName(RecordingItem.TTL))));
    return new BootstrapStep(name, BootstrapOutcome.CHANGED, "enabled on " + RecordingItem.TTL + " now");
  }

  /** The listing indexes, then the events' pending index (new tables get all three at once). */
  private static List<GlobalSecondaryIndex> indexes() {
    return List.of(ownerIndex(), roomIndex(), pendingIndex());
  }

  private static String indexNames() {
    return RecordingItem.BY_OWNER + ", " + RecordingItem.BY_ROOM + " and " + DynamoDbEventOutbox.BY_PENDING;
  }

  /** The relay reads only which events are pending: the keys are all it needs, and all a write copies. */
  private static GlobalSecondaryIndex pendingIndex() {
    return GlobalSecondaryIndex.builder()
        .indexName(DynamoDbEventOutbox.BY_PENDING)
        .keySchema(key(DynamoDbEventOutbox.PENDING_PK, DynamoDbEventOutbox.PENDING_SK))
        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
        .build();
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
}
