package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A part as {@code POST /recordings/{id}/complete} wants it: its number and the ETag its PUT
 * answered. Both are required; the server checks them as it maps the parts (bean validation does
 * not reach into the items of a list of a record compiled elsewhere).
 */
public record CompletedPart(
    @JsonProperty("part_number") @Schema(requiredMode = REQUIRED) Integer partNumber,
    @Schema(requiredMode = REQUIRED) String etag) {}
