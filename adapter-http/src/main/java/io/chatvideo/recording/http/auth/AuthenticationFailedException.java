package io.chatvideo.recording.http.auth;

/** No usable bearer token; the message is safe to show the client and never contains the token. */
final class AuthenticationFailedException extends RuntimeException {

  AuthenticationFailedException(String message) {
    super(message, null, false, false);
  }
}
