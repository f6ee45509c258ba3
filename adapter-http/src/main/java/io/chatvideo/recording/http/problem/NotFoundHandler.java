package io.chatvideo.recording.http.problem;

import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Missing, expired and someone else's recordings all answer 404, so nobody learns another user's ids. */
@Produces
@Singleton
final class NotFoundHandler implements ExceptionHandler<RecordingNotFoundException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, RecordingNotFoundException exception) {
    return Problem.response(Problem.of(HttpStatus.NOT_FOUND, exception.getMessage()));
  }
}
