package io.chatvideo.recording.http.limits;

import io.chatvideo.recording.http.auth.Caller;
import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code recording.limits.upload-requests-per-minute} per user over the requests that start or
 * extend uploads, and {@code recording.limits.dev-tokens-per-minute} per client address on {@code
 * POST /dev/token}. Runs after the bearer check and before any route, so a refused request reaches
 * neither the metadata store nor the object store: a 429 with {@code Retry-After}.
 */
@ServerFilter(value = {"/recordings/upload-url", "/recordings/multipart", "/recordings/*/parts", "/dev/token"},
    methods = HttpMethod.POST)
final class RateLimitFilter implements Ordered {

  private final RequestRate uploads;
  private final RequestRate devTokens;

  RateLimitFilter(ServerSettings settings, Clock clock) {
    this.uploads = new RequestRate(settings.limitSettings().uploadRequestsPerMinute(), clock);
    this.devTokens = new RequestRate(settings.limitSettings().devTokensPerMinute(), clock);
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> limit(HttpRequest<?> request) {
    if (request.getPath().startsWith("/dev/")) {
      String client = request.getRemoteAddress().getAddress() == null ? request.getRemoteAddress().getHostString()
          : request.getRemoteAddress().getAddress().getHostAddress();
      return refuse(devTokens.take(client), "dev tokens");
    }
    Optional<Caller> caller = Caller.of(request);
    if (caller.isEmpty()) {
      return null; // the route answers 401
    }
    return refuse(uploads.take(caller.get().user().value()), "upload requests");
  }

  @Nullable
  private static HttpResponse<?> refuse(Optional<Duration> wait, String what) {
    return wait.map(retryAfter -> Problem.tooManyRequests("too many " + what + " in the last minute; retry after "
        + "the time in Retry-After", retryAfter)).orElse(null);
  }
}
