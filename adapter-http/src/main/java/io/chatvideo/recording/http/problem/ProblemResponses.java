package io.chatvideo.recording.http.problem;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.micronaut.core.bind.exceptions.UnsatisfiedArgumentException;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Turns every error Micronaut itself answers (no route, wrong method, unreadable body, body too
 * large, …) into a problem. The detail is written here from the kind of error, never copied from
 * an exception message, so no internals or echoed input reach the client.
 */
@Singleton
final class ProblemResponses implements ErrorResponseProcessor<Problem> {

  @Override
  public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
    HttpStatus status = response.status();
    Problem problem = problem(status, context);
    MutableHttpResponse<Problem> answer = response.contentType(MediaType.APPLICATION_JSON_PROBLEM_TYPE).body(problem);
    if (context.getRequest().getMethod() == HttpMethod.HEAD) {
      return answer.body(null);
    }
    return answer;
  }

  private static Problem problem(HttpStatus status, ErrorContext context) {
    Optional<Throwable> cause = context.getRootCause();
    if (status.getCode() >= 500) {
      return Problem.of(status, "the server could not handle this request; it has been logged");
    }
    Optional<InvalidInputException> invalid = invalidInput(cause);
    if (invalid.isPresent()) {
      // A wire record's field of the wrong JSON type, refused while the body was read.
      return Problem.ofField(status, invalid.get().field(), invalid.get().getMessage());
    }
    if (cause.isPresent() && cause.get() instanceof ConversionErrorException conversion) {
      return bodyOrField(status, conversion.getArgument().getName(), "has the wrong type or format");
    }
    if (cause.isPresent() && cause.get() instanceof UnsatisfiedArgumentException unsatisfied) {
      return bodyOrField(status, unsatisfied.getArgument().getName(), "is required");
    }
    if (cause.isPresent() && cause.get() instanceof UnsatisfiedRouteException unsatisfied) {
      return bodyOrField(status, unsatisfied.getArgument().getName(), "is required");
    }
    return Problem.of(status, switch (status) {
      case BAD_REQUEST -> isJsonError(cause) ? "the request body is not valid JSON" : "the request is malformed";
      case NOT_FOUND -> "there is nothing at this path";
      case METHOD_NOT_ALLOWED -> "this path does not accept " + context.getRequest().getMethodName();
      case UNSUPPORTED_MEDIA_TYPE -> "send the body as application/json";
      case NOT_ACCEPTABLE -> "this resource is available as application/json only";
      case REQUEST_ENTITY_TOO_LARGE -> "the request body is larger than this endpoint accepts";
      default -> status.getReason();
    });
  }

  private static Problem bodyOrField(HttpStatus status, String argument, String problem) {
    if ("body".equals(argument)) {
      return Problem.ofField(status, "body", "body: " + (problem.equals("is required")
          ? "a JSON object is required" : "must be a JSON object"));
    }
    return Problem.ofField(status, argument, argument + ": " + problem);
  }

  private static Optional<InvalidInputException> invalidInput(Optional<Throwable> cause) {
    for (Throwable t = cause.orElse(null); t != null; t = t.getCause()) {
      if (t instanceof InvalidInputException invalid) {
        return Optional.of(invalid);
      }
    }
    return Optional.empty();
  }

  private static boolean isJsonError(Optional<Throwable> cause) {
    for (Throwable t = cause.orElse(null); t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException || t.getClass().getName().contains("Json")) {
        return true;
      }
    }
    return false;
  }
}
