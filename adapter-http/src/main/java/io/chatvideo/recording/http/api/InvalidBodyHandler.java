package io.chatvideo.recording.http.api;

import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;

/**
 * A request body that breaks a constraint of its wire record answers 400 naming the body's
 * top-level JSON field (a part without an etag is the fault of {@code parts}), as the core's own
 * checks do.
 */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
final class InvalidBodyHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
    ConstraintViolation<?> first = exception.getConstraintViolations().stream()
        .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .orElseThrow();
    String field = field(first);
    return Problem.response(Problem.ofField(HttpStatus.BAD_REQUEST, field, field + ": " + first.getMessage()));
  }

  /** The first property below the method's body parameter, by its JSON name. */
  private static String field(ConstraintViolation<?> violation) {
    Class<?> record = null;
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PARAMETER) {
        record = violation.getExecutableParameters() == null ? null
            : violation.getExecutableParameters()[((Path.ParameterNode) node).getParameterIndex()].getClass();
      } else if (node.getKind() == ElementKind.PROPERTY && record != null) {
        Class<?> type = record;
        return BeanIntrospector.SHARED.findIntrospection(type)
            .flatMap(introspection -> introspection.getProperty(node.getName()))
            .map(JsonNames::of)
            .orElse(node.getName());
      }
    }
    return "body";
  }
}
