package io.chatvideo.recording.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /recordings/{id}/parts}: which parts to sign URLs for. */
public record SignPartsRequest(
    @JsonProperty("part_numbers") @Schema(description = "1 to 10000, at most 100 per request")
    @NotNull(message = Limits.REQUIRED) @Size(max = Limits.MAX_LIST, message = Limits.TOO_LONG)
    List<Integer> partNumbers) {}
