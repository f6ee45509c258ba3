package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InMemoryObjectTransferTest extends ObjectTransferContract {

  private final InMemoryObjectStorage storage = new InMemoryObjectStorage();

  @Override
  protected ObjectStorage storage() {
    return storage;
  }

  @Test
  void theFakeKeepsTheContentTypeOfAWrite() throws IOException {
    ObjectKey key = newKey();

    storage.write(key, MP4, file("source", bytes(10, 1)));

    assertThat(storage.contentType(key)).contains(MP4);
  }

  @Test
  void offlineBothCallsAreStorageUnavailable() throws IOException {
    Path source = file("source", bytes(10, 1));
    storage.goOffline();

    assertThatThrownBy(() -> storage.write(newKey(), MP4, source)).isInstanceOf(StorageUnavailableException.class);
    assertThatThrownBy(() -> storage.read(newKey(), files.resolve("target")))
        .isInstanceOf(StorageUnavailableException.class);
  }
}
