package io.chatvideo.recording.http.problem;

import io.chatvideo.recording.core.domain.ShareNotFoundException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Revoking a share the recording does not have answers 404 (the watch page answers its own HTML). */
@Produces
@Singleton
final class ShareNotFoundHandler implements ExceptionHandler<ShareNotFoundException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, ShareNotFoundException exception) {
    return Problem.response(Problem.of(HttpStatus.NOT_FOUND, exception.getMessage()));
  }
}
