package io.chatvideo.recording.http.auth;

import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code POST /dev/token}, as documented in the OpenAPI document. */
@Serdeable
record DevTokenRequest(String email) {}
