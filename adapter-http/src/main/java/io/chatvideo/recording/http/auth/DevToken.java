package io.chatvideo.recording.http.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The answer of {@code POST /dev/token}. */
@Serdeable
record DevToken(String token, @JsonProperty("expires_in") long expiresIn) {}
