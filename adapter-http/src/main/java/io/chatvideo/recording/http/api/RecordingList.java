package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of {@code GET /recordings} (the seed contract); {@code next_token} is null on the last page. */
@Serdeable
record RecordingList(
    List<RecordingJson> recordings,
    @JsonProperty("next_token") @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "pass back as next_token for the next page; null on the last", nullable = true)
    @Nullable String nextToken) {}
