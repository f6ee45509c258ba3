package io.chatvideo.recording.http.objects;

import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.problem.Problem;
import io.chatvideo.recording.local.capability.CapabilityRefusedException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A URL that does not allow the request (unsigned, altered, expired, another method or body): 403. */
@Produces
@Singleton
@Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
final class CapabilityRefusedHandler implements ExceptionHandler<CapabilityRefusedException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, CapabilityRefusedException exception) {
    return Problem.response(Problem.of(HttpStatus.FORBIDDEN, exception.getMessage()));
  }
}
