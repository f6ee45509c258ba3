package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.JobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The core's {@link EventOutbox} on DynamoDB and SQS. The recording's conditional put (or its
 * delete) and the event's item are one {@code TransactWriteItems}, so a crash keeps both or
 * neither; a failed condition cancels the event with the change. SQS cannot join that
 * transaction, so the event item is written <em>pending</em>: it carries the keys of the sparse
 * index {@value #BY_PENDING}, which only pending events are in. After the transaction the outbox
 * sends the {@code PUBLISH_EVENT} job and removes the keys. A process that dies in between leaves
 * the event pending; {@link #relay} (the sweep's) queues the job of every event pending longer
 * than {@link #RELAY_AFTER} again. A job sent twice delivers twice under one {@code webhook-id}
 * (the event id), which at-least-once delivery allows.
 *
 * <p>Event item: {@code PK = SK = EVENT#{id}}, {@code type}, {@code occurred_at}, {@code body},
 * {@code ttl} ({@link #KEPT} after it occurred), and while pending {@code GSI3PK = EVENTS#pending},
 * {@code GSI3SK = {occurred_at, fixed width}#{id}}.
 */
final class DynamoDbEventOutbox implements EventOutbox {

  static final String BY_PENDING = "by_pending";
  static final String PENDING_PK = "GSI3PK";
  static final String PENDING_SK = "GSI3SK";
  static final String PENDING_PARTITION = "EVENTS#pending";
  static final String PREFIX = "EVENT#";
  /** How long events are kept for deliveries and their retries (the retry schedule ends well before). */
  static final Duration KEPT = Duration.ofDays(30);
  /** A pending event younger than this may still be on its way to SQS from the process that wrote it. */
  static final Duration RELAY_AFTER = Duration.ofMinutes(1);
  /** Pending events queued again per sweep and per Query page; the next sweep takes the rest. */
  static final int RELAY_BATCH = 100;
  static final int RELAY_PAGES = 10;

  private static final String TYPE = "type";
  private static final String OCCURRED_AT = "occurred_at";
  private static final String BODY = "body";
  private static final System.Logger LOG = System.getLogger(DynamoDbEventOutbox.class.getName());

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbRecordingRepository recordings;
  private final JobQueue jobs;
  private final DynamoDbCalls calls;

  DynamoDbEventOutbox(DynamoDbClient dynamoDb, String table, DynamoDbRecordingRepository recordings, JobQueue jobs) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.recordings = recordings;
    this.jobs = jobs;
    this.calls = new DynamoDbCalls(table);
  }

  @Override
  public void replace(Recording recording, RecordingStatus expected, RecordingEvent event) {
    Objects.requireNonNull(event, "event");
    List<TransactWriteItem> writes = List.of(
        TransactWriteItem.builder().put(recordings.replacement(recording, expected)).build(),
        TransactWriteItem.builder().put(put -> put.tableName(table).item(item(event, true))).build());
    calls.call("TransactWriteItems", () -> {
      try {
        return dynamoDb.transactWriteItems(t -> t.transactItems(writes));
      } catch (TransactionCanceledException e) {
        if (e.hasCancellationReasons() && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
          throw DynamoDbRecordingRepository.replaced(recording.id(), expected);
        }
        throw e; // a conflicting transaction or throttling: the store's trouble, mapped by calls
      }
    });
    sendJob(event);
  }

  @Override
  public void delete(RecordingId id, RecordingEvent event) {
    Objects.requireNonNull(event, "event");
    List<TransactWriteItem> writes = new ArrayList<>();
    for (Map<String, AttributeValue> key : recordings.keys(id)) {
      writes.add(TransactWriteItem.builder().delete(delete -> delete.tableName(table).key(key)).build());
    }
    writes.add(TransactWriteItem.builder().put(put -> put.tableName(table).item(item(event, true))).build());
    // No condition: only a concurrent transaction on the same items or throttling cancels it, mapped by calls.
    calls.call("TransactWriteItems", () -> dynamoDb.transactWriteItems(t -> t.transactItems(writes)));
    sendJob(event);
  }

  /** The event's item written pending, then its job sent: the relay covers a send that was lost. */
  @Override
  public void publish(RecordingEvent event) {
    calls.call("PutItem", () -> dynamoDb.putItem(put -> put.tableName(table).item(item(event, true))));
    sendJob(event);
  }

  @Override
  public void record(RecordingEvent event) {
    calls.call("PutItem", () -> dynamoDb.putItem(put -> put.tableName(table).item(item(event, false))));
  }

  @Override
  public Optional<RecordingEvent> find(EventId id) {
    var response = calls.call("GetItem", () -> dynamoDb.getItem(get -> get.tableName(table).key(key(id))
        .consistentRead(true)));
    if (!response.hasItem() || response.item().isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = response.item();
    return Optional.of(new RecordingEvent(id, EventType.parse(RecordingItem.string(item, TYPE)),
        Instant.parse(RecordingItem.string(item, OCCURRED_AT)), RecordingItem.string(item, BODY)));
  }

  /**
   * Queues the publish job of each event pending since before {@code now - }{@link #RELAY_AFTER},
   * oldest first, up to {@value #RELAY_PAGES} pages of {@value #RELAY_BATCH}: one Query of the
   * sparse index per page (keys only), then a SendMessage and an UpdateItem per event.
   */
  @Override
  public int relay(Instant now) {
    String before = RecordingItem.listingSortKeyFrom(now.minus(RELAY_AFTER));
    int relayed = 0;
    Map<String, AttributeValue> start = null;
    for (int page = 0; page < RELAY_PAGES; page++) {
      QueryRequest request = QueryRequest.builder().tableName(table).indexName(BY_PENDING)
          .keyConditionExpression("#pk = :pending AND #sk < :before")
          .expressionAttributeNames(Map.of("#pk", PENDING_PK, "#sk", PENDING_SK))
          .expressionAttributeValues(Map.of(":pending", s(PENDING_PARTITION), ":before", s(before)))
          .exclusiveStartKey(start)
          .limit(RELAY_BATCH)
          .build();
      QueryResponse response = calls.call("Query", () -> dynamoDb.query(request));
      for (Map<String, AttributeValue> pending : response.items()) {
        EventId id = new EventId(RecordingItem.string(pending, RecordingItem.PK).substring(PREFIX.length()));
        jobs.enqueue(JobKind.PUBLISH_EVENT, id.value(), now);
        published(id);
        relayed++;
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        break;
      }
      start = response.lastEvaluatedKey();
    }
    return relayed;
  }

  /**
   * The publish job, then the pending mark removed. The change is written already: SQS failing
   * here must not fail the caller's request (it would retry a change that was made), so the
   * event stays pending and the relay sends its job later.
   */
  private void sendJob(RecordingEvent event) {
    try {
      jobs.enqueue(JobKind.PUBLISH_EVENT, event.id().value(), event.timestamp());
    } catch (StorageUnavailableException e) {
      LOG.log(System.Logger.Level.WARNING, "event " + event.id().value() + " is written but its publish job was not "
          + "sent (" + e.getMessage() + "); the sweep's relay sends it after " + RELAY_AFTER.toMinutes() + " minute(s)");
      return;
    }
    published(event.id());
  }

  /** Out of the pending index; a mark left by a failure here only means one more publish by the relay. */
  private void published(EventId id) {
    try {
      calls.call("UpdateItem", () -> dynamoDb.updateItem(update -> update.tableName(table).key(key(id))
          .updateExpression("REMOVE #pk, #sk")
          .conditionExpression("attribute_exists(#id)")
          .expressionAttributeNames(Map.of("#pk", PENDING_PK, "#sk", PENDING_SK, "#id", RecordingItem.PK))));
    } catch (ConditionalCheckFailedException gone) {
      // Deleted by its TTL meanwhile: nothing is pending any more.
    } catch (StorageUnavailableException e) {
      LOG.log(System.Logger.Level.WARNING, "event " + id.value() + " stays marked pending (" + e.getMessage()
          + "); the relay will publish it once more");
    }
  }

  private static Map<String, AttributeValue> key(EventId id) {
    return Map.of(RecordingItem.PK, s(PREFIX + id.value()), RecordingItem.SK, s(PREFIX + id.value()));
  }

  private static Map<String, AttributeValue> item(RecordingEvent event, boolean pending) {
    Map<String, AttributeValue> item = new HashMap<>(key(event.id()));
    item.put(TYPE, s(event.type().wireName()));
    item.put(OCCURRED_AT, s(event.timestamp().toString()));
    item.put(BODY, s(event.body()));
    item.put(RecordingItem.TTL, n(RetentionPolicy.ttlEpochSeconds(event.timestamp().plus(KEPT))));
    if (pending) {
      item.put(PENDING_PK, s(PENDING_PARTITION));
      item.put(PENDING_SK, s(RecordingItem.listingSortKeyFrom(event.timestamp()) + "#" + event.id().value()));
    }
    return item;
  }
}
