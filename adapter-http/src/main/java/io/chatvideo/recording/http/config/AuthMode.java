package io.chatvideo.recording.http.config;

/** {@code dev}: tokens signed with a secret in the data directory; {@code jwt}: tokens of an identity provider's JWKS. */
public enum AuthMode {
  DEV,
  JWT
}
