package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.util.List;

/** One page of {@code GET /recordings} (the seed contract), newest first. */
public record RecordingList(
    List<RecordingJson> recordings,
    @JsonProperty("next_token") @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "pass back as next_token for the next page; null on the last", nullable = true,
        requiredMode = REQUIRED)
    @Nullable String nextToken) {}
