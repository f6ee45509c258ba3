package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.StorageUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * One DynamoDB call on the recordings table, its failures mapped once: a failed condition is the
 * caller's to handle; anything else (missing table, throttling, timeouts, unreachable) is a
 * {@link StorageUnavailableException} that names the operation.
 */
final class DynamoDbCalls {

  /** BatchGetItem's limit on keys a call. */
  static final int BATCH_GET_KEYS = 100;

  private final String table;

  DynamoDbCalls(String table) {
    this.table = table;
  }

  <T> T call(String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (ConditionalCheckFailedException e) {
      throw e;
    } catch (ResourceNotFoundException e) {
      throw new StorageUnavailableException("DynamoDB table " + table
          + " does not exist (or its indexes are missing); run the admin init", e);
    } catch (DynamoDbException e) {
      String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
      throw new StorageUnavailableException("the recording metadata store failed (DynamoDB " + operation + ": "
          + code + ")", e);
    } catch (SdkException e) {
      throw new StorageUnavailableException("the recording metadata store is unreachable (DynamoDB " + operation
          + ": " + e.getClass().getSimpleName() + ")", e);
    }
  }

  /**
   * The items of {@code keys} that exist, consistently read: one BatchGetItem per 100 keys (its
   * limit), asking again for the keys it hands back unprocessed under load. {@code read} adds to
   * each request, e.g. a projection.
   */
  List<Map<String, AttributeValue>> batchGet(DynamoDbClient dynamoDb, List<Map<String, AttributeValue>> keys,
      UnaryOperator<KeysAndAttributes.Builder> read) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += BATCH_GET_KEYS) {
      List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_KEYS));
      while (!pending.isEmpty()) {
        KeysAndAttributes request = read.apply(KeysAndAttributes.builder().keys(pending).consistentRead(true)).build();
        var response = call("BatchGetItem", () -> dynamoDb.batchGetItem(get -> get.requestItems(Map.of(table, request))));
        items.addAll(response.responses().getOrDefault(table, List.of()));
        KeysAndAttributes left = response.unprocessedKeys().get(table);
        pending = left == null ? List.of() : left.keys();
      }
    }
    return items;
  }
}
