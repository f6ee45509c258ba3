package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.domain.ShareTokenHash;
import io.chatvideo.recording.core.port.out.ShareRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Share links as items of the recordings table, under key prefixes of their own (no new table, so
 * {@code admin init} and the IAM policy stay as they are):
 *
 * <ul>
 *   <li>{@code PK = SHARE#{token_hash}, SK = SHARE}: the link itself, read with one strongly
 *       consistent GetItem when a watch page opens, so a revocation counts at once;
 *   <li>{@code PK = SHARES#{recording_id}, SK = SHARE#{created_at}#{share_id}}: a pointer
 *       holding the token hash, queried to list a recording's links oldest first.
 * </ul>
 *
 * Both are written in one transaction, and both carry {@code ttl} a day past the link's expiry, so
 * DynamoDB deletes dead links by itself (meanwhile an expired link answers 410, after that 404).
 * Neither prefix begins with {@code RECORDING#}, which the recording repository's Scans filter on.
 */
final class DynamoDbShareRepository implements ShareRepository {

  static final String SHARE_PREFIX = "SHARE#";
  static final String POINTERS_PREFIX = "SHARES#";
  static final String SHARE_SK = "SHARE";
  /** How long DynamoDB keeps a link after it expired, to answer "expired" rather than "unknown". */
  static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

  private static final String SHARE_ID = "share_id";
  private static final String RECORDING_ID = "recording_id";
  private static final String TOKEN_HASH = "token_hash";
  private static final String CREATED_AT = "created_at";
  private static final String EXPIRES_AT = "expires_at";
  private static final String PASSCODE_HASH = "passcode_hash";
  private static final String ALLOW_DOWNLOAD = "allow_download";
  private static final String REVOKED = "revoked";
  private static final String VIEWS = "views";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbCalls calls;

  DynamoDbShareRepository(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.calls = new DynamoDbCalls(table);
  }

  @Override
  public void insert(Share share) {
    Map<String, AttributeValue> item = new HashMap<>(shareKey(share.tokenHash()));
    item.put(SHARE_ID, s(share.id().toString()));
    item.put(RECORDING_ID, s(share.recordingId().toString()));
    item.put(TOKEN_HASH, s(share.tokenHash().hex()));
    item.put(CREATED_AT, s(share.createdAt().toString()));
    item.put(EXPIRES_AT, s(share.expiresAt().toString()));
    share.passcodeHash().ifPresent(hash -> item.put(PASSCODE_HASH, s(hash)));
    item.put(ALLOW_DOWNLOAD, AttributeValue.fromBool(share.allowDownload()));
    item.put(REVOKED, AttributeValue.fromBool(share.revoked()));
    item.put(VIEWS, n(share.views()));
    AttributeValue ttl = n(RetentionPolicy.ttlEpochSeconds(share.expiresAt().plus(KEPT_AFTER_EXPIRY)));
    item.put(RecordingItem.TTL, ttl);
    Map<String, AttributeValue> pointer = new HashMap<>();
    pointer.put(RecordingItem.PK, s(POINTERS_PREFIX + share.recordingId()));
    pointer.put(RecordingItem.SK, s(pointerSortKey(share)));
    pointer.put(SHARE_ID, s(share.id().toString()));
    pointer.put(TOKEN_HASH, s(share.tokenHash().hex()));
    pointer.put(RecordingItem.TTL, ttl);
    Map<String, String> names = Map.of("#pk", RecordingItem.PK);
    calls.call("TransactWriteItems", () -> {
      try {
        return dynamoDb.transactWriteItems(write -> write.transactItems(
            put -> put.put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(names)),
            put -> put.put(p -> p.tableName(table).item(pointer).conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(names))));
      } catch (TransactionCanceledException e) {
        if (e.cancellationReasons().stream().anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()))) {
          throw new ConflictException("share " + share.id() + " exists already");
        }
        throw e; // a conflicting transaction or throttling: the store's trouble, mapped by calls
      }
    });
  }

  @Override
  public Optional<Share> findByTokenHash(ShareTokenHash hash) {
    var response = calls.call("GetItem", () -> dynamoDb.getItem(get -> get.tableName(table).key(shareKey(hash))
        .consistentRead(true)));
    return response.hasItem() && !response.item().isEmpty() ? Optional.of(share(response.item())) : Optional.empty();
  }

  @Override
  public List<Share> listByRecording(RecordingId recordingId) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (Map<String, AttributeValue> pointer : pointers(recordingId)) {
      keys.add(shareKey(new ShareTokenHash(pointer.get(TOKEN_HASH).s())));
    }
    List<Share> shares = new ArrayList<>();
    calls.batchGet(dynamoDb, keys, read -> read).forEach(item -> shares.add(share(item)));
    shares.sort(Comparator.comparing(Share::createdAt).thenComparing(share -> share.id().toString()));
    return shares;
  }

  @Override
  public boolean revoke(RecordingId recordingId, ShareId id) {
    Optional<Map<String, AttributeValue>> pointer = pointers(recordingId).stream()
        .filter(p -> p.get(SHARE_ID).s().equals(id.toString())).findFirst();
    if (pointer.isEmpty()) {
      return false;
    }
    try {
      calls.call("UpdateItem", () -> dynamoDb.updateItem(update -> update.tableName(table)
          .key(shareKey(new ShareTokenHash(pointer.get().get(TOKEN_HASH).s())))
          .updateExpression("SET #revoked = :true")
          .conditionExpression("attribute_exists(#pk)")
          .expressionAttributeNames(Map.of("#revoked", REVOKED, "#pk", RecordingItem.PK))
          .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false; // deleted by TTL between the two calls
    }
  }

  @Override
  public void countView(Share share) {
    try {
      calls.call("UpdateItem", () -> dynamoDb.updateItem(update -> update.tableName(table)
          .key(shareKey(share.tokenHash()))
          .updateExpression("ADD #views :one")
          .conditionExpression("attribute_exists(#pk)")
          .expressionAttributeNames(Map.of("#views", VIEWS, "#pk", RecordingItem.PK))
          .expressionAttributeValues(Map.of(":one", n(1)))));
    } catch (ConditionalCheckFailedException e) {
      // the link is gone: nothing to count
    }
  }

  /** A recording's pointers, oldest first (a recording has a handful of links; pages are followed anyway). */
  private List<Map<String, AttributeValue>> pointers(RecordingId recordingId) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      var response = calls.call("Query", () -> dynamoDb.query(query -> query.tableName(table)
          .keyConditionExpression("#pk = :pk")
          .expressionAttributeNames(Map.of("#pk", RecordingItem.PK))
          .expressionAttributeValues(Map.of(":pk", s(POINTERS_PREFIX + recordingId)))
          .consistentRead(true)
          .exclusiveStartKey(from)));
      found.addAll(response.items());
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey()
          : null;
    } while (start != null);
    return found;
  }

  private static Map<String, AttributeValue> shareKey(ShareTokenHash hash) {
    return Map.of(RecordingItem.PK, s(SHARE_PREFIX + hash.hex()), RecordingItem.SK, s(SHARE_SK));
  }

  private static String pointerSortKey(Share share) {
    return SHARE_PREFIX + RecordingItem.listingSortKeyFrom(share.createdAt()) + "#" + share.id();
  }

  private static Share share(Map<String, AttributeValue> item) {
    return new Share(
        new ShareId(UUID.fromString(item.get(SHARE_ID).s())),
        new RecordingId(UUID.fromString(item.get(RECORDING_ID).s())),
        new ShareTokenHash(item.get(TOKEN_HASH).s()),
        Instant.parse(item.get(CREATED_AT).s()),
        Instant.parse(item.get(EXPIRES_AT).s()),
        Optional.ofNullable(item.get(PASSCODE_HASH)).map(AttributeValue::s),
        Boolean.TRUE.equals(item.get(ALLOW_DOWNLOAD).bool()),
        Boolean.TRUE.equals(item.get(REVOKED).bool()),
        Long.parseLong(item.get(VIEWS).n()));
  }
}
