package io.chatvideo.recording.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer of {@code POST /recordings/{id}/shares}: the only time the link's URL (its token) is told. */
public record ShareLink(
    @JsonProperty("share_id") String shareId,
    @Schema(description = "the watch page, /s/{token}; anyone holding it may watch until expires_at") String url,
    @JsonProperty("expires_at") String expiresAt) {}
