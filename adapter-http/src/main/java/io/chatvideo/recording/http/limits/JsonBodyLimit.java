package io.chatvideo.recording.http.api;

import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Refuses JSON requests declaring more than {@link #MAX_BYTES} before anything is read. The
 * server's buffer limit (1 MB) still bounds a body sent without a length.
 */
@ServerFilter({"/recordings/**", "/dev/**"})
final class JsonBodyLimit implements Ordered {

  static final long MAX_BYTES = 64 * 1024;

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.after();
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request) {
    if (request.getContentLength() > MAX_BYTES) {
      return Problem.response(Problem.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
          "the request body is larger than the " + MAX_BYTES + " bytes this endpoint accepts"));
    }
    return null;
  }
}
