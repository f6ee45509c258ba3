package io.chatvideo.recording.http.limits;

import io.chatvideo.recording.http.auth.Caller;
import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.http.problem.Problem;
import io.chatvideo.recording.http.web.ClientAddresses;
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
 * extend uploads, and {@code recording.limits.dev-tokens-per-minute} per client address ({@link
 * ClientAddresses}: the socket's peer, or the client a trusted proxy names) on {@code POST
 * /dev/token}. Buckets are keyed by route and subject, never by the raw path. Runs after the bearer check and before any route, so a refused request reaches
 * neither the metadata store nor the object store: a 429 with {@code Retry-After}.
 */
@ServerFilter(value = {"/recordings/upload-url", "/recordings/multipart", "/recordings/*/parts", "/dev/token"},
    methods = HttpMethod.POST)
final class RateLimitFilter implements Ordered {

  private final RequestRate uploads;
  private final RequestRate devTokens;
  private final ClientAddresses clients;

  RateLimitFilter(ServerSettings settings, Clock clock, ClientAddresses clients) {
    this.uploads = new RequestRate(settings.limitSettings().uploadRequestsPerMinute(), clock);
    this.devTokens = new RequestRate(settings.limitSettings().devTokensPerMinute(), clock);
    this.clients = clients;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.after();
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> limit(HttpRequest<?> request) {
    if (request.getPath().startsWith("/dev/")) {
      return refuse(devTokens.take(new RequestRate.Key("POST /dev/token", clients.of(request).orElse("-"))),
          "dev tokens");
    }
    Optional<Caller> caller = Caller.of(request);
    if (caller.isEmpty()) {
      return null; // the route answers 401
    }
    // One budget for the three routes together, whichever path (and recording id) a request names.
    return refuse(uploads.take(new RequestRate.Key("POST /recordings/uploads", caller.get().user().value())),
        "upload requests");
  }

  @Nullable
  private static HttpResponse<?> refuse(Optional<Duration> wait, String what) {
    return wait.map(retryAfter -> Problem.tooManyRequests("too many " + what + " in the last minute; retry after "
        + "the time in Retry-After", retryAfter)).orElse(null);
  }
}
