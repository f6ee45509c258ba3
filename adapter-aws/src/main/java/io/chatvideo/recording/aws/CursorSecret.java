package io.chatvideo.recording.aws;

import static io.chatvideo.recording.aws.RecordingItem.s;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The AES key that seals page cursors, kept in the recordings table itself (item {@value #KEY}) so
 * every server and CLI on the table shares it without a setting to distribute. The first process
 * that needs it creates it with a conditional put; a process that loses that race reads the
 * winner's. Read once per process. Deleting the item invalidates the cursors in flight (their
 * holders get a 400 on {@code next_token} and start over).
 */
final class CursorSecret {

  static final String KEY = "KEY#page-cursors";
  static final String SECRET = "secret";
  private static final int KEY_BYTES = 32;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final DynamoDbCalls calls;
  private final SecureRandom random;
  private volatile SecretKey key;

  CursorSecret(DynamoDbClient dynamoDb, String table, SecureRandom random) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.calls = new DynamoDbCalls(table);
    this.random = random;
  }

  SecretKey key() {
    SecretKey known = key;
    if (known == null) {
      synchronized (this) {
        known = key;
        if (known == null) {
          known = read().orElseGet(this::create);
          key = known;
        }
      }
    }
    return known;
  }

  private Optional<SecretKey> read() {
    Map<String, AttributeValue> item = calls.call("GetItem", () -> dynamoDb.getItem(get -> get.tableName(table)
        .key(itemKey()).consistentRead(true))).item();
    if (item == null || !item.containsKey(SECRET)) {
      return Optional.empty();
    }
    byte[] bytes = item.get(SECRET).b().asByteArray();
    if (bytes.length != KEY_BYTES) {
      throw new IllegalStateException("item " + KEY + " of table " + table + " holds a key of " + bytes.length
          + " bytes, not " + KEY_BYTES + "; delete it and a new one is made");
    }
    return Optional.of(new SecretKeySpec(bytes, "AES"));
  }

  private SecretKey create() {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    Map<String, AttributeValue> item = new HashMap<>(itemKey());
    item.put(SECRET, AttributeValue.fromB(SdkBytes.fromByteArray(bytes)));
    try {
      calls.call("PutItem", () -> dynamoDb.putItem(put -> put.tableName(table).item(item)
          .conditionExpression("attribute_not_exists(#pk)")
          .expressionAttributeNames(Map.of("#pk", RecordingItem.PK))));
      return new SecretKeySpec(bytes, "AES");
    } catch (ConditionalCheckFailedException anotherProcessWasFirst) {
      return read().orElseThrow(() -> new IllegalStateException("item " + KEY + " of table " + table
          + " exists but holds no " + SECRET));
    }
  }

  private static Map<String, AttributeValue> itemKey() {
    return Map.of(RecordingItem.PK, s(KEY), RecordingItem.SK, s(KEY));
  }
}
