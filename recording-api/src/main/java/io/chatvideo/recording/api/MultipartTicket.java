package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code POST /recordings/multipart}. */
public record MultipartTicket(
    @JsonProperty("recording_id") String recordingId,
    @JsonProperty("s3_key") String s3Key,
    @JsonProperty("upload_id") String uploadId,
    @JsonProperty("min_part_size")
    @Schema(description = "every part but the last must have at least this many bytes", requiredMode = REQUIRED)
    long minPartSize,
    @Schema(description = "true when the server makes completed recordings seekable itself, so a client "
        + "need not hold the first part back to patch the WebM duration", requiredMode = REQUIRED)
    boolean processing) {}
