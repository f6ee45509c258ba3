package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** One playable file of a ready recording: the seekable original, or the MP4 made from it. */
public record RenditionJson(
    @Schema(allowableValues = {"webm", "mp4"}, requiredMode = REQUIRED) String format,
    @JsonProperty("content_type") @Schema(requiredMode = REQUIRED) String contentType,
    @Schema(requiredMode = REQUIRED) long size,
    @JsonProperty("download_url") @Schema(description = "valid like the recording's download_url",
        requiredMode = REQUIRED) String downloadUrl) {}
