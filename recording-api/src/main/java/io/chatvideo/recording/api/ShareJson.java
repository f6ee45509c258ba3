package io.chatvideo.recording.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One link of {@code GET /recordings/{id}/shares}: everything but its token, which is not kept. */
public record ShareJson(
    @JsonProperty("share_id") String shareId,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("expires_at") String expiresAt,
    @JsonProperty("allow_download") boolean allowDownload,
    @JsonProperty("has_passcode") boolean hasPasscode,
    boolean revoked,
    long views) {}
