package io.chatvideo.recording.http.objects;

import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.problem.Problem;
import io.chatvideo.recording.local.files.ObjectRefusedException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A valid URL the store still does not serve: nothing there (404), an upload URL used already or
 * whose recording is no longer PENDING (409, like a completion out of turn), a body that does not
 * fit what was signed (400).
 */
@Produces
@Singleton
@Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
final class ObjectRefusedHandler implements ExceptionHandler<ObjectRefusedException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, ObjectRefusedException exception) {
    HttpStatus status = switch (exception.reason()) {
      case NO_SUCH_OBJECT, NO_SUCH_UPLOAD -> HttpStatus.NOT_FOUND;
      case UPLOAD_CLOSED -> HttpStatus.CONFLICT;
      case BAD_BODY -> HttpStatus.BAD_REQUEST;
    };
    return Problem.response(Problem.of(status, exception.getMessage()));
  }
}
