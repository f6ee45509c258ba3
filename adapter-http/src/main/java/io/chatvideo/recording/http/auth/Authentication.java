package io.chatvideo.recording.http.auth;

import java.util.Optional;

/** How this server checks tokens, and in dev mode how it mints them. */
record Authentication(TokenVerifier verifier, Optional<DevTokens> devTokens) {}
