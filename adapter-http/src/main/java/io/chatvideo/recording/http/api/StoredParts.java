package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The answer of {@code GET /recordings/{id}/parts}: what is stored already, to resume an upload. */
@Serdeable
record StoredParts(List<StoredPart> parts) {

  @Serdeable
  record StoredPart(@JsonProperty("part_number") int partNumber, String etag, long size) {}
}
