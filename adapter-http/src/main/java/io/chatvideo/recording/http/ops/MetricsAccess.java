package io.chatvideo.recording.http.ops;

import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may read {@code /prometheus}: with {@code recording.metrics-token} set, a request bearing it
 * (compared in constant time; anything else is a 401 that shows no metric); without it, only a
 * server that listens on loopback serves them, and not to a request that came through a proxy
 * ({@code Forwarded} / {@code X-Forwarded-For}), which may be another machine's; every other
 * request gets a 404, as if there were no metrics.
 */
@ServerFilter({"/prometheus", "/prometheus/**"})
final class MetricsAccess implements Ordered {

  private final Optional<byte[]> token;
  private final boolean loopback;

  MetricsAccess(ServerSettings settings) {
    this.token = settings.metricsToken().map(t -> t.getBytes(StandardCharsets.UTF_8));
    this.loopback = settings.bindsLoopback();
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> guard(HttpRequest<?> request) {
    if (token.isPresent()) {
      String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
      byte[] given = authorization != null && authorization.startsWith("Bearer ")
          ? authorization.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8) : new byte[0];
      if (MessageDigest.isEqual(given, token.get())) {
        return null;
      }
      return Problem.response(Problem.of(HttpStatus.UNAUTHORIZED, "the metrics need the bearer token of "
          + "recording.metrics-token")).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    boolean proxied = request.getHeaders().contains("Forwarded") || request.getHeaders().contains("X-Forwarded-For");
    if (loopback && !proxied) {
      return null;
    }
    return Problem.response(Problem.of(HttpStatus.NOT_FOUND, "no such resource"));
  }
}
