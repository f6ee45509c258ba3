package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.UploadLedger;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The {@link UploadLedger} as items of the recordings table, under key prefixes of their own:
 *
 * <ul>
 *   <li>{@code PK = USAGE#{owner}, SK = DAY#{yyyy-mm-dd}}: {@code bytes}, the owner's counter for
 *       that UTC day, changed only by {@code ADD} under the condition that it stays within the
 *       limit ({@code attribute_not_exists(bytes) OR bytes <= :room}), so concurrent servers never
 *       pass it together;
 *   <li>{@code PK = SIGNED#{recording_id}, SK = SIGNED}: {@code lengths}, a map of slot (part
 *       number, 0 for a single PUT) to the largest length signed, their {@code total}, {@code
 *       settled} once completed, and a {@code version} each write checks.
 * </ul>
 *
 * A reservation or a settlement reads the recording's item, then writes both items in one
 * TransactWriteItems; a version that moved meanwhile (another server signing the same recording)
 * or a conflicting transaction is tried again, up to {@value #ATTEMPTS} times. Both items carry
 * {@code ttl} {@value #KEPT_DAYS} days after their day, so DynamoDB drops old counters by itself.
 * Neither prefix begins with {@code RECORDING#}, which the recording repository's Scans filter on.
 */
final class DynamoDbUploadLedger implements UploadLedger {

  static final String DAY_PREFIX = "USAGE#";
  static final String SIGNED_PREFIX = "SIGNED#";
  static final String SIGNED_SK = "SIGNED";
  static final int KEPT_DAYS = 3;
  static final int ATTEMPTS = 10;

  private static final String BYTES = "bytes";
  private static final String LENGTHS = "lengths";
  private static final String TOTAL = "total";
  private static final String SETTLED = "settled";
  private static final String VERSION = "version";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbCalls calls;

  DynamoDbUploadLedger(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.calls = new DynamoDbCalls(table);
  }

  @Override
  public Outcome reserve(Signed signed, long maxRecordingBytes, long maxBytesPerDay) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Map<String, AttributeValue> item = signedItem(signed.recording());
      Map<Integer, Long> lengths = lengths(item);
      long was = lengths.values().stream().mapToLong(Long::longValue).sum();
      signed.lengths().forEach((slot, length) -> lengths.merge(slot, length, Math::max));
      long would = lengths.values().stream().mapToLong(Long::longValue).sum();
      if (would > maxRecordingBytes) {
        return new Outcome.RecordingFull(would);
      }
      long adding = would - was;
      if (adding == 0) {
        return new Outcome.Counted(would);
      }
      if (adding > maxBytesPerDay) {
        return new Outcome.DayFull(bytesOn(signed.owner(), signed.day()), adding);
      }
      Map<String, AttributeValue> next = new HashMap<>(signedKey(signed.recording()));
      Map<String, AttributeValue> lengthItems = new HashMap<>();
      lengths.forEach((slot, length) -> lengthItems.put(Integer.toString(slot), n(length)));
      next.put(LENGTHS, AttributeValue.fromM(lengthItems));
      next.put(TOTAL, n(would));
      next.put(SETTLED, AttributeValue.fromBool(false));
      next.put(VERSION, n(version(item) + 1));
      next.put(RecordingItem.TTL, n(ttl(signed.day())));
      TransactWriteItem day = add(signed.owner(), signed.day(), adding, maxBytesPerDay - adding);
      switch (write(replace(item, next), day)) {
        case DONE -> {
          return new Outcome.Counted(would);
        }
        case DAY_FULL -> {
          return new Outcome.DayFull(bytesOn(signed.owner(), signed.day()), adding);
        }
        case RACED -> pause(attempt);
        default -> throw new IllegalStateException();
      }
    }
    throw raced(signed.recording());
  }

  @Override
  public long bytesOn(UserId owner, LocalDate day) {
    var response = calls.call("GetItem", () -> dynamoDb.getItem(get -> get.tableName(table).key(dayKey(owner, day))
        .consistentRead(true)));
    return response.hasItem() ? RecordingItem.optionalNumber(response.item(), BYTES).orElse(0) : 0;
  }

  @Override
  public void settle(UserId owner, LocalDate day, RecordingId recording, long storedBytes) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Map<String, AttributeValue> item = signedItem(recording);
      if (item.containsKey(SETTLED) && Boolean.TRUE.equals(item.get(SETTLED).bool())) {
        return;
      }
      long was = RecordingItem.optionalNumber(item, TOTAL).orElse(0);
      Map<String, AttributeValue> next = new HashMap<>(signedKey(recording));
      next.put(LENGTHS, AttributeValue.fromM(Map.of()));
      next.put(TOTAL, n(storedBytes));
      next.put(SETTLED, AttributeValue.fromBool(true));
      next.put(VERSION, n(version(item) + 1));
      next.put(RecordingItem.TTL, n(ttl(day)));
      if (write(replace(item, next), add(owner, day, storedBytes - was, Long.MAX_VALUE)) == Written.DONE) {
        return;
      }
      pause(attempt);
    }
    throw raced(recording);
  }

  private enum Written { DONE, DAY_FULL, RACED }

  /** Writes the recording's item and the day's counter together; which condition failed, if one did. */
  private Written write(TransactWriteItem recording, TransactWriteItem day) {
    return calls.call("TransactWriteItems", () -> {
      try {
        dynamoDb.transactWriteItems(write -> write.transactItems(recording, day));
        return Written.DONE;
      } catch (TransactionCanceledException e) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
          return Written.DAY_FULL;
        }
        if (reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
            || "TransactionConflict".equals(r.code()))) {
          return Written.RACED;
        }
        throw e; // throttling or the like: the store's trouble, mapped by calls
      }
    });
  }

  /** A put of {@code next} on the condition that the item is still {@code current} (by its version). */
  private TransactWriteItem replace(Map<String, AttributeValue> current, Map<String, AttributeValue> next) {
    return TransactWriteItem.builder().put(put -> {
      put.tableName(table).item(next);
      if (current.isEmpty()) {
        put.conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", RecordingItem.PK));
      } else {
        put.conditionExpression("#version = :version").expressionAttributeNames(Map.of("#version", VERSION))
            .expressionAttributeValues(Map.of(":version", n(version(current))));
      }
    }).build();
  }

  /** {@code ADD bytes :adding} to the day's counter on the condition that it held at most {@code room}. */
  private TransactWriteItem add(UserId owner, LocalDate day, long adding, long room) {
    return TransactWriteItem.builder().update(update -> update.tableName(table).key(dayKey(owner, day))
        .updateExpression("ADD #bytes :adding SET #ttl = :ttl")
        .conditionExpression("attribute_not_exists(#bytes) OR #bytes <= :room")
        .expressionAttributeNames(Map.of("#bytes", BYTES, "#ttl", RecordingItem.TTL))
        .expressionAttributeValues(Map.of(":adding", n(adding), ":ttl", n(ttl(day)), ":room", n(room))))
        .build();
  }

  private Map<String, AttributeValue> signedItem(RecordingId recording) {
    var response = calls.call("GetItem", () -> dynamoDb.getItem(get -> get.tableName(table)
        .key(signedKey(recording)).consistentRead(true)));
    return response.hasItem() ? response.item() : Map.of();
  }

  private static Map<Integer, Long> lengths(Map<String, AttributeValue> item) {
    Map<Integer, Long> lengths = new HashMap<>();
    AttributeValue map = item.get(LENGTHS);
    if (map != null && map.hasM()) {
      map.m().forEach((slot, length) -> lengths.put(Integer.parseInt(slot), Long.parseLong(length.n())));
    }
    if (item.containsKey(SETTLED) && Boolean.TRUE.equals(item.get(SETTLED).bool())) {
      // A settled recording counts its stored size; nothing signs for it any more.
      lengths.put(-1, RecordingItem.optionalNumber(item, TOTAL).orElse(0));
    }
    return lengths;
  }

  private static long version(Map<String, AttributeValue> item) {
    return RecordingItem.optionalNumber(item, VERSION).orElse(0);
  }

  private static Map<String, AttributeValue> dayKey(UserId owner, LocalDate day) {
    return Map.of(RecordingItem.PK, s(DAY_PREFIX + owner.value()), RecordingItem.SK, s("DAY#" + day));
  }

  private static Map<String, AttributeValue> signedKey(RecordingId recording) {
    return Map.of(RecordingItem.PK, s(SIGNED_PREFIX + recording), RecordingItem.SK, s(SIGNED_SK));
  }

  private static long ttl(LocalDate day) {
    return day.plusDays(KEPT_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  /** A few milliseconds, growing and jittered, so racing servers do not collide again in step. */
  private static void pause(int attempt) {
    try {
      TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(1, 1L + 5L * attempt));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageUnavailableException("interrupted while counting upload bytes", e);
    }
  }

  private static StorageUnavailableException raced(RecordingId recording) {
    return new StorageUnavailableException("the upload bytes of recording " + recording
        + " changed under too many concurrent writes; try again");
  }
}
