package io.chatvideo.recording.core.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of {@link ObjectStorage#listObjects}; {@code nextCursor} is empty on the last page. */
public record ObjectListing(List<ListedObject> objects, Optional<String> nextCursor) {

  public ObjectListing {
    objects = List.copyOf(objects);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
