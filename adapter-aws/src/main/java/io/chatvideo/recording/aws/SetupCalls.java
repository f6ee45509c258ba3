package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.StorageUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/** A bootstrap call whose failure stops the bootstrap, naming the resource it was setting up. */
final class SetupCalls {

  private SetupCalls() {}

  static <T> T call(String resource, Supplier<T> action) {
    try {
      return action.get();
    } catch (SdkException e) {
      throw failed(resource, e);
    }
  }

  static StorageUnavailableException failed(String resource, SdkException e) {
    return new StorageUnavailableException(resource + ": " + e.getMessage(), e);
  }
}
