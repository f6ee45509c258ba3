package io.chatvideo.recording.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The optional body of {@code POST /recordings/{id}/complete}: the parts of a multipart upload
 * (none after a single PUT), and the recording's length if the client knows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CompleteRequest(
    @Schema(description = "every part of a multipart upload, in ascending part_number order")
    @Size(max = Limits.MAX_LIST, message = Limits.TOO_LONG) @Nullable
    List<CompletedPart> parts,
    @JsonProperty("duration_ms") @Schema(minimum = "0") @Nullable Long durationMs) {}
