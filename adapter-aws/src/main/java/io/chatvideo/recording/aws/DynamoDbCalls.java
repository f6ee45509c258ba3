package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.StorageUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * One DynamoDB call on the recordings table, its failures mapped once: a failed condition is the
 * caller's to handle; anything else (missing table, throttling, timeouts, unreachable) is a
 * {@link StorageUnavailableException} that names the operation.
 */
final class DynamoDbCalls {

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
}
