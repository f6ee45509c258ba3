package io.chatvideo.recording.http.ops;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path, status, latency. Never the query string (capability
 * URLs carry their signature there) nor any header (Authorization carries the token), nor a
 * share link's token, which is its path: {@code /s/…} is logged as such.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestLog implements Ordered {

  private static final Logger LOG = LoggerFactory.getLogger("io.chatvideo.recording.http.requests");
  private static final String STARTED = RequestLog.class.getName() + ".started";

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }

  @RequestFilter
  void start(HttpRequest<?> request) {
    request.setAttribute(STARTED, System.nanoTime());
  }

  @ResponseFilter
  void log(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    long micros = request.getAttribute(STARTED, Long.class).map(t -> (System.nanoTime() - t) / 1000).orElse(-1L);
    String path = request.getUri().getRawPath();
    LOG.info("{} {} {} {}ms", request.getMethodName(), path.startsWith("/s/") ? "/s/…" : path, response.code(),
        String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0));
  }
}
