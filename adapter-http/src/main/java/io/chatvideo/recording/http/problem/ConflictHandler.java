package io.chatvideo.recording.http.problem;

import io.chatvideo.recording.core.domain.ConflictException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A request that does not fit the recording's state (e.g. completing before the upload) answers 409. */
@Produces
@Singleton
final class ConflictHandler implements ExceptionHandler<ConflictException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, ConflictException exception) {
    return Problem.response(Problem.of(HttpStatus.CONFLICT, exception.getMessage()));
  }
}
