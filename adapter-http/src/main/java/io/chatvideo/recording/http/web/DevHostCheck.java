package io.chatvideo.recording.http.web;

import io.chatvideo.recording.http.config.AuthMode;
import io.chatvideo.recording.http.config.Loopback;
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
import java.util.Optional;

/**
 * In dev mode, where anyone who reaches the server can mint a token for any email, only requests
 * addressed to a loopback name (or to {@code recording.public-url}'s host) are answered: a web page
 * whose own host name resolves to 127.0.0.1 (DNS rebinding) or a proxy on the same machine
 * forwarding outside traffic gets a 421, not a token.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class DevHostCheck implements Ordered {

  private final boolean active;
  private final Optional<String> publicHost;

  DevHostCheck(ServerSettings settings) {
    this.active = settings.auth().mode() == AuthMode.DEV;
    this.publicHost = settings.recording().publicBase().map(uri -> uri.getRawAuthority());
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.before();
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> check(HttpRequest<?> request) {
    if (!active) {
      return null;
    }
    String host = request.getHeaders().get(HttpHeaders.HOST);
    if (Loopback.isLoopbackHostHeader(host) || (host != null && publicHost.map(host::equalsIgnoreCase).orElse(false))) {
      return null;
    }
    return Problem.response(Problem.of(HttpStatus.MISDIRECTED_REQUEST,
        "dev mode answers only requests addressed to localhost or 127.0.0.1"));
  }
}
