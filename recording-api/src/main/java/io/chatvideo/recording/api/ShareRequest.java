package io.chatvideo.recording.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;

/** The body of {@code POST /recordings/{id}/shares}; every field may be left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShareRequest(
    @JsonProperty("expires_in")
    @Schema(description = "seconds the link lives; default 7 days, never past the recording's expiry", minimum = "1",
        example = "259200")
    @Nullable Long expiresIn,
    @Schema(description = "4 to 64 characters the viewer must type; stored hashed (bcrypt)") @Nullable String passcode,
    @JsonProperty("allow_download") @Schema(description = "show a download button; default true", defaultValue = "true")
    @Nullable Boolean allowDownload) {}
