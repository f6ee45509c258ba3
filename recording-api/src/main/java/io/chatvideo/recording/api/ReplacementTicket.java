package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The answer of {@code POST /recordings/{id}/replacement}: the upload that replaces a partial
 * recording with the whole call. {@code parts} already holds copies of what the server had; the
 * client signs and puts the others ({@code POST /recordings/{id}/parts}) and completes with every
 * part ({@code POST /recordings/{id}/complete}).
 */
public record ReplacementTicket(
    @JsonProperty("recording_id") String recordingId,
    @JsonProperty("upload_id") String uploadId,
    @JsonProperty("min_part_size")
    @Schema(description = "every part but the last must have at least this many bytes", requiredMode = REQUIRED)
    long minPartSize,
    @Schema(description = "the parts the replacement holds already (copies of what the server had when it "
        + "salvaged the recording), by ascending part number", requiredMode = REQUIRED)
    List<StoredPart> parts) {}
