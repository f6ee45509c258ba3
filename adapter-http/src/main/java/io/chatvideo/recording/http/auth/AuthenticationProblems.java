package io.chatvideo.recording.http.auth;

import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** The answers to a request without a usable token (RFC 6750). */
final class AuthenticationProblems {

  private AuthenticationProblems() {}

  static MutableHttpResponse<Problem> unauthorized(AuthenticationFailedException failure) {
    return Problem.response(Problem.of(HttpStatus.UNAUTHORIZED, failure.getMessage()))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
  }

  static MutableHttpResponse<Problem> unavailable() {
    return Problem.response(Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
            "the identity provider cannot be reached to check the token; retry in a few seconds"))
        .header(HttpHeaders.RETRY_AFTER, "5");
  }

  static HttpResponse<Problem> missing() {
    return Problem.response(Problem.of(HttpStatus.UNAUTHORIZED, "send Authorization: Bearer <token>"))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
  }
}
