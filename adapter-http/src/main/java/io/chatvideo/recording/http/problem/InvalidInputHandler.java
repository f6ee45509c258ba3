package io.chatvideo.recording.http.problem;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Invalid input answers 400 naming the field, in the detail and in a {@code field} member. */
@Produces
@Singleton
final class InvalidInputHandler implements ExceptionHandler<InvalidInputException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, InvalidInputException exception) {
    return Problem.response(Problem.ofField(HttpStatus.BAD_REQUEST, exception.field(), exception.getMessage()));
  }
}
