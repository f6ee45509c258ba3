package io.chatvideo.recording.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/** A part as {@code POST /recordings/{id}/complete} wants it: its number and the ETag its PUT answered. */
public record CompletedPart(
    @JsonProperty("part_number") @NotNull(message = "every part needs a part_number") Integer partNumber,
    @NotNull(message = "every part needs an etag") String etag) {}
