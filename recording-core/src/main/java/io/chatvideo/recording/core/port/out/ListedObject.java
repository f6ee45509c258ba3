package io.chatvideo.recording.core.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * An object found by {@link ObjectStorage#listObjects}: its key exactly as stored (which need not
 * follow the server's key layout: anyone with access to a bucket may put objects there) and when
 * it was last written, by the store's clock.
 */
public record ListedObject(String key, Instant lastModified) {

  public ListedObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
