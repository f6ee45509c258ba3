package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Passcode tries as items of the recordings table ({@code PK = PASSCODE#{budget}}, {@code SK =
 * TRIES}) holding the budget's open window: a try is one {@code UpdateItem ADD tries :one} on the
 * condition that the window is still open, returning the count; when it has ended (or there is
 * none), a conditional {@code PutItem} opens the next with one try. A server that loses the race
 * to open it counts in the window the other opened. So every server on the table (Lambda execution
 * environments included) spends one budget. Each item carries {@code ttl} a minute past its
 * window's end, and DynamoDB deletes it after. The prefix does not begin with {@code RECORDING#},
 * which the recording repository's Scans filter on.
 */
final class DynamoDbPasscodeAttempts implements PasscodeAttempts {

  static final String PREFIX = "PASSCODE#";
  private static final String TRIES = "tries";
  private static final String WINDOW_START = "window_start";
  /** Each round is one count or one opening; losing a race to open takes one more, another loss is not expected. */
  private static final int ROUNDS = 4;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbCalls calls;

  DynamoDbPasscodeAttempts(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.calls = new DynamoDbCalls(table);
  }

  @Override
  public Tries count(PasscodeBudget budget, Instant now, Duration window) {
    Map<String, AttributeValue> key = Map.of(RecordingItem.PK, s(PREFIX + budget.key()), RecordingItem.SK, s("TRIES"));
    AttributeValue cutoff = n(now.minus(window).toEpochMilli());
    for (int round = 0; round < ROUNDS; round++) {
      try {
        var counted = calls.call("UpdateItem", () -> dynamoDb.updateItem(update -> update.tableName(table)
            .key(key)
            .updateExpression("ADD #tries :one")
            .conditionExpression("#start > :cutoff")
            .expressionAttributeNames(Map.of("#tries", TRIES, "#start", WINDOW_START))
            .expressionAttributeValues(Map.of(":one", n(1), ":cutoff", cutoff))
            .returnValues(ReturnValue.ALL_NEW)));
        return new Tries(Long.parseLong(counted.attributes().get(TRIES).n()),
            Instant.ofEpochMilli(Long.parseLong(counted.attributes().get(WINDOW_START).n())));
      } catch (ConditionalCheckFailedException noOpenWindow) {
        // none yet, or it has ended: open the next below
      }
      Map<String, AttributeValue> item = new HashMap<>(key);
      item.put(TRIES, n(1));
      item.put(WINDOW_START, n(now.toEpochMilli()));
      item.put(RecordingItem.TTL, n(now.plus(window).plus(Duration.ofMinutes(1)).getEpochSecond()));
      try {
        calls.call("PutItem", () -> dynamoDb.putItem(put -> put.tableName(table)
            .item(item)
            .conditionExpression("attribute_not_exists(#pk) OR #start <= :cutoff")
            .expressionAttributeNames(Map.of("#pk", RecordingItem.PK, "#start", WINDOW_START))
            .expressionAttributeValues(Map.of(":cutoff", cutoff))));
        return new Tries(1, Instant.ofEpochMilli(now.toEpochMilli()));
      } catch (ConditionalCheckFailedException openedMeanwhile) {
        // another server opened it first: count in that window
      }
    }
    throw new StorageUnavailableException("passcode tries for one budget kept changing under " + ROUNDS
        + " rounds of counting (DynamoDB table " + table + ")");
  }
}
