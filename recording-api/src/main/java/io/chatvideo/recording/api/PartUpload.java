package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** One presigned part URL; the PUT answers with the part's ETag, which completing the upload needs. */
public record PartUpload(
    @JsonProperty("part_number") int partNumber,
    @JsonProperty("upload_url") String uploadUrl,
    @JsonProperty("upload_headers") Map<String, String> uploadHeaders,
    @JsonProperty("expires_in") @Schema(description = "seconds the URL stays valid", requiredMode = REQUIRED)
    long expiresIn)
    {}
