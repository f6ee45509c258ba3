package io.chatvideo.recording.http.auth;

/** The identity provider's keys cannot be fetched, so no token can be checked right now. */
final class IdentityProviderUnavailableException extends RuntimeException {

  IdentityProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
