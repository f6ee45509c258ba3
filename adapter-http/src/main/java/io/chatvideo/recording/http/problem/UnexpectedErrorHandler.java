package io.chatvideo.recording.http.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whatever no other handler claims is a bug: logged with its stack trace, answered with a bare
 * 500 problem that gives nothing away. Client input never gets here; the tests hold that.
 */
@Produces
@Singleton
final class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<Problem>> {

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, Exception exception) {
    LOG.error("unexpected error answering {} {}", request.getMethodName(), request.getPath(), exception);
    return Problem.response(Problem.of(HttpStatus.INTERNAL_SERVER_ERROR,
        "the server could not handle this request; it has been logged"));
  }
}
