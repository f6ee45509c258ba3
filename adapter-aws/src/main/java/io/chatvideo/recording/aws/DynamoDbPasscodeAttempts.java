package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.n;
import static io.chatvideo.recording.aws.RecordingItem.s;

import io.chatvideo.recording.core.domain.PasscodeBudget;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Passcode tries as items of the recordings table ({@code PK = PASSCODE#{budget}}, {@code SK =
 * WINDOW#{epoch second of the window}}), each try one {@code UpdateItem ADD tries :one} that
 * returns the new count, so every server on the table (Lambda execution environments included)
 * spends one budget. The item carries {@code ttl} and DynamoDB deletes it after its window. The
 * prefix does not begin with {@code RECORDING#}, which the recording repository's Scans filter on.
 */
final class DynamoDbPasscodeAttempts implements PasscodeAttempts {

  static final String PREFIX = "PASSCODE#";
  private static final String TRIES = "tries";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbCalls calls;

  DynamoDbPasscodeAttempts(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.calls = new DynamoDbCalls(table);
  }

  @Override
  public long count(PasscodeBudget budget, Instant windowStart, Instant forgetAfter) {
    var response = calls.call("UpdateItem", () -> dynamoDb.updateItem(update -> update.tableName(table)
        .key(Map.of(RecordingItem.PK, s(PREFIX + budget.key()),
            RecordingItem.SK, s("WINDOW#" + windowStart.getEpochSecond())))
        .updateExpression("ADD #tries :one SET #ttl = :ttl")
        .expressionAttributeNames(Map.of("#tries", TRIES, "#ttl", RecordingItem.TTL))
        .expressionAttributeValues(Map.of(":one", n(1), ":ttl", n(forgetAfter.getEpochSecond())))
        .returnValues(ReturnValue.UPDATED_NEW)));
    return Long.parseLong(response.attributes().get(TRIES).n());
  }
}
