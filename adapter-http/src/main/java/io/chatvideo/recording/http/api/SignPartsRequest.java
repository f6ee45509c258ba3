package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The body of {@code POST /recordings/{id}/parts}: which parts to sign URLs for. */
@Serdeable
record SignPartsRequest(@JsonProperty("part_numbers") List<Integer> partNumbers) {

  static SignPartsRequest read(@Nullable JsonNode body) {
    return new SignPartsRequest(JsonFields.of(body, false).wholeNumbers("part_numbers").orElse(List.of()));
  }
}
