package io.chatvideo.recording.http.problem;

import io.chatvideo.recording.core.domain.LimitExceededException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A used-up per-user allowance answers 429 with {@code Retry-After}, like a request rate. */
@Produces
@Singleton
final class LimitExceededHandler implements ExceptionHandler<LimitExceededException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, LimitExceededException exception) {
    return Problem.tooManyRequests(exception.getMessage(), exception.retryAfter());
  }
}
