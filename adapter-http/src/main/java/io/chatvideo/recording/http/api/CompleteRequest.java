package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The optional body of {@code POST /recordings/{id}/complete}: the parts of a multipart upload,
 * and the recording's length if the client knows it.
 */
@Serdeable
record CompleteRequest(@Nullable List<PartJson> parts, @JsonProperty("duration_ms") @Nullable Long durationMs) {

  static CompleteRequest read(@Nullable JsonNode body) {
    JsonFields fields = JsonFields.of(body, true);
    List<PartJson> parts = fields.objects("parts").map(CompleteRequest::parts).orElse(null);
    return new CompleteRequest(parts,
        fields.wholeNumber("duration_ms").isPresent() ? fields.wholeNumber("duration_ms").getAsLong() : null);
  }

  Optional<List<CompletedPart>> completedParts() {
    return Optional.ofNullable(parts).map(list -> list.stream()
        .map(part -> new CompletedPart(part.partNumber(), part.etag()))
        .toList());
  }

  Optional<Duration> duration() {
    return Optional.ofNullable(durationMs).map(Duration::ofMillis);
  }

  private static List<PartJson> parts(List<JsonFields> objects) {
    List<PartJson> parts = new ArrayList<>();
    for (JsonFields part : objects) {
      long number = part.wholeNumber("part_number").orElseThrow(() ->
          new InvalidInputException("parts", "every part needs a part_number"));
      if (number < 1 || number > Integer.MAX_VALUE) {
        throw new InvalidInputException("parts", "part_number must be 1 to 10000, was " + number);
      }
      String etag = part.text("etag").orElseThrow(() -> new InvalidInputException("parts", "every part needs an etag"));
      parts.add(new PartJson((int) number, etag));
    }
    return parts;
  }

  /** One part as the client reports it. */
  @Serdeable
  record PartJson(@JsonProperty("part_number") int partNumber, String etag) {}
}
