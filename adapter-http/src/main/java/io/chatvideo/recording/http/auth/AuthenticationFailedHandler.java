package io.chatvideo.recording.http.auth;

import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** 401 for a route reached without a verified caller. */
@Produces
@Singleton
final class AuthenticationFailedHandler implements ExceptionHandler<AuthenticationFailedException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, AuthenticationFailedException exception) {
    return AuthenticationProblems.unauthorized(exception);
  }
}
