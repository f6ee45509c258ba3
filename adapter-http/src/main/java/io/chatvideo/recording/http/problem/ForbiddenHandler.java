package io.chatvideo.recording.http.problem;

import io.chatvideo.recording.core.domain.ForbiddenException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A participant changing a recording only its owner may change answers 403. */
@Produces
@Singleton
final class ForbiddenHandler implements ExceptionHandler<ForbiddenException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, ForbiddenException exception) {
    return Problem.response(Problem.of(HttpStatus.FORBIDDEN, exception.getMessage()));
  }
}
