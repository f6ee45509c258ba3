package io.chatvideo.recording.http.limits;

import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds JSON bodies to {@link #MAX_BYTES}: one declaring more in {@code Content-Length} is refused
 * before anything is read; one sent without a length (chunked) is counted as it arrives, on a
 * split of the body the route reads afterwards, and refused as soon as it passes the limit.
 */
@ServerFilter({"/recordings/**", "/dev/**"})
final class JsonBodyLimit implements Ordered {

  static final long MAX_BYTES = 64 * 1024;

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.after();
  }

  @RequestFilter
  CompletableFuture<@Nullable HttpResponse<?>> check(HttpRequest<?> request) {
    long declared = request.getContentLength();
    if (declared > MAX_BYTES) {
      return CompletableFuture.completedFuture(tooLarge());
    }
    if (declared >= 0 || !(request instanceof ServerHttpRequest<?> server)
        || !request.getHeaders().contains("Transfer-Encoding")) {
      return CompletableFuture.completedFuture(null);
    }
    CloseableByteBody copy = server.byteBody().split(ByteBody.SplitBackpressureMode.FASTEST);
    return Flux.from(copy.toByteArrayPublisher())
        .scan(0L, (count, chunk) -> count + chunk.length)
        .takeUntil(count -> count > MAX_BYTES)
        .last(0L)
        .filter(count -> count > MAX_BYTES)
        .<HttpResponse<?>>map(count -> tooLarge())
        .onErrorResume(e -> Mono.empty())
        .doFinally(signal -> copy.close())
        .toFuture();
  }

  private static HttpResponse<?> tooLarge() {
    return Problem.response(Problem.of(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
        "the request body is larger than the " + MAX_BYTES + " bytes this endpoint accepts"));
  }
}
