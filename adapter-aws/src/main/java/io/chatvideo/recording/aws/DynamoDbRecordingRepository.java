package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.UploadUsage;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Recording metadata in one DynamoDB table, item shape as in {@link RecordingItem}.
 *
 * <p>Request paths read by key or Query only: {@link #find} queries the recording's partition
 * ({@code PK = RECORDING#id AND begins_with(SK, "METADATA#")}, strongly consistent), because the
 * seed's sort key holds the creation time, which a bare id does not tell; writes that know the
 * recording derive the full key.
 *
 * <p>Listings and upload usage are {@link DynamoDbRecordingQueries}; the administrative Scans are
 * {@link DynamoDbRecordingScans}.
 */
final class DynamoDbRecordingRepository implements RecordingRepository {

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final String bucket;
  private final DynamoDbCalls calls;
  private final DynamoDbRecordingQueries queries;
  private final DynamoDbRecordingScans scans;

  /**
   * @param bucket written into each item's {@code s3_bucket}, as the seed did
   */
  DynamoDbRecordingRepository(DynamoDbClient dynamoDb, String table, String bucket) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.bucket = bucket;
    this.calls = new DynamoDbCalls(table);
    SecureRandom random = new SecureRandom();
    PageCursor cursors = new PageCursor(new CursorSecret(dynamoDb, table, random)::key, random);
    this.queries = new DynamoDbRecordingQueries(dynamoDb, table, calls, cursors);
    this.scans = new DynamoDbRecordingScans(dynamoDb, table, calls, cursors);
  }

  @Override
  public void insert(PendingRecording recording) {
    try {
      call("PutItem", () -> dynamoDb.putItem(put -> put.tableName(table)
          .item(RecordingItem.toItem(recording, bucket))
          .conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", RecordingItem.PK))));
    } catch (ConditionalCheckFailedException e) {
      throw new ConflictException("recording " + recording.id() + " exists already");
    }
  }

  @Override
  public Optional<Recording> find(RecordingId id) {
    return metadataItems(id, false).stream().findFirst().map(RecordingItem::fromItem);
  }

  @Override
  public void replace(Recording recording, RecordingStatus expected) {
    Put put = replacement(recording, expected);
    try {
      call("PutItem", () -> dynamoDb.putItem(p -> p.tableName(table).item(put.item())
          .conditionExpression(put.conditionExpression())
          .expressionAttributeNames(put.expressionAttributeNames())
          .expressionAttributeValues(put.expressionAttributeValues())));
    } catch (ConditionalCheckFailedException e) {
      throw replaced(recording.id(), expected);
    }
  }

  /** {@link #replace}'s conditional put, for a transaction that writes more beside it ({@link DynamoDbEventOutbox}). */
  Put replacement(Recording recording, RecordingStatus expected) {
    return Put.builder().tableName(table)
        .item(RecordingItem.toItem(recording, bucket))
        .conditionExpression("#status = :expected")
        .expressionAttributeNames(Map.of("#status", RecordingItem.STATUS))
        .expressionAttributeValues(Map.of(":expected", s(expected.name())))
        .build();
  }

  /** What {@link #replace} says when the recording is not in the expected state. */
  static ConflictException replaced(RecordingId id, RecordingStatus expected) {
    return new ConflictException("recording " + id + " is no longer " + expected);
  }

  @Override
  public void delete(RecordingId id) {
    for (Map<String, AttributeValue> key : keys(id)) {
      call("DeleteItem", () -> dynamoDb.deleteItem(delete -> delete.tableName(table).key(key)));
    }
  }

  /**
   * The keys of the recording's items (one, unless a bug wrote two), of its speaker timeline and transcript
   * (deleting an item that is not there is no error): what {@link #delete} deletes.
   */
  List<Map<String, AttributeValue>> keys(RecordingId id) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>(metadataItems(id, true));
    keys.add(DynamoDbSpeakerTimelines.key(id));
    keys.add(DynamoDbTranscripts.key(id));
    return keys;
  }

  @Override
  public Page list(RecordingFilter filter, UserId viewer, Instant now, int limit, Optional<String> cursor) {
    return queries.list(filter, viewer, now, limit, cursor);
  }

  @Override
  public UploadUsage uploadUsage(UserId owner, Instant since, Instant now) {
    return queries.uploadUsage(owner, since, now);
  }

  @Override
  public Page listAll(int limit, Optional<String> cursor) {
    return scans.listAll(limit, cursor);
  }

  @Override
  public List<Recording> findExpired(Instant now, int limit) {
    return scans.findExpired(now, limit);
  }

  @Override
  public List<Recording> findUnfinishedUploads(Instant uploadWindowClosedBefore, int limit) {
    return scans.findUnfinishedUploads(uploadWindowClosedBefore, limit);
  }

  @Override
  public List<CompletedRecording> findStalledProcessing(Instant since, int limit) {
    return scans.findStalledProcessing(since, limit);
  }

  /** The items (or just their keys) of a recording's partition, read strongly consistent. */
  private List<Map<String, AttributeValue>> metadataItems(RecordingId id, boolean keysOnly) {
    QueryRequest.Builder request = QueryRequest.builder().tableName(table)
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :metadata)")
        .expressionAttributeNames(Map.of("#pk", RecordingItem.PK, "#sk", RecordingItem.SK))
        .expressionAttributeValues(Map.of(":pk", s(RecordingItem.partitionKey(id)),
            ":metadata", s(RecordingItem.SK_PREFIX)))
        .consistentRead(true);
    if (keysOnly) {
      request.projectionExpression("#pk, #sk");
    }
    QueryRequest query = request.build();
    return call("Query", () -> dynamoDb.query(query)).items();
  }

  private <T> T call(String operation, Supplier<T> action) {
    return calls.call(operation, action);
  }

}
