package io.chatvideo.recording.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /recordings/{id}/parts}: which parts to sign URLs for, each with its
 * size. The earlier {@code part_numbers} (no sizes) is still read, to answer it with a problem
 * that says what to send instead: a part URL without a length would bound nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignPartsRequest(
    @Schema(description = "the parts to sign, at most 100 per request; each URL accepts exactly its size")
    @Size(max = Limits.MAX_LIST, message = Limits.TOO_LONG) @Nullable
    List<PartToSign> parts,
    @JsonProperty("part_numbers") @Nullable
    @Schema(deprecated = true, description = "no longer signed: send parts with their sizes")
    @Size(max = Limits.MAX_LIST, message = Limits.TOO_LONG)
    List<Integer> partNumbers) {

  /** A request in the current spelling. */
  public static SignPartsRequest of(List<PartToSign> parts) {
    return new SignPartsRequest(parts, null);
  }
}
