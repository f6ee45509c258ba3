package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The answer of {@code POST /recordings/upload-url} (the seed contract, plus the headers to send). */
public record UploadTicket(
    @JsonProperty("upload_url") @Schema(description = "absolute URL to PUT the file to", requiredMode = REQUIRED)
    String uploadUrl,
    @JsonProperty("recording_id") String recordingId,
    @JsonProperty("s3_key") String s3Key,
    @JsonProperty("expires_in")
    @Schema(description = "seconds the URL stays valid", example = "1800", requiredMode = REQUIRED)
    long expiresIn,
    @JsonProperty("upload_headers")
    @Schema(description = "headers the PUT must carry exactly, Content-Type included", requiredMode = REQUIRED)
    Map<String, String> uploadHeaders) {}
