package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A part to sign a URL for: its number and its exact size, which the URL binds (storage refuses a
 * body of another length) and which counts towards the upload limits as it is signed. Both are
 * required; the server checks them as it maps the parts.
 */
public record PartToSign(
    @JsonProperty("part_number") @Schema(requiredMode = REQUIRED, description = "1 to 10000") Integer partNumber,
    @Schema(requiredMode = REQUIRED, minimum = "1", maximum = "5368709120",
        description = "the part's exact byte count: every part but the last at least min_part_size") Long size) {}
