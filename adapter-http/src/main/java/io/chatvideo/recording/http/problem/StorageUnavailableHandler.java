package io.chatvideo.recording.http.problem;

import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Object storage or the metadata store is unreachable: 503 with {@code Retry-After}, since the
 * same request may work shortly. The store's own message is logged, not sent: it may name hosts.
 */
@Produces
@Singleton
final class StorageUnavailableHandler implements ExceptionHandler<StorageUnavailableException, HttpResponse<Problem>> {

  static final String RETRY_AFTER_SECONDS = "5";

  private static final Logger LOG = LoggerFactory.getLogger(StorageUnavailableHandler.class);

  @Override
  @SuppressWarnings("rawtypes") // the interface declares the request raw
  public HttpResponse<Problem> handle(HttpRequest request, StorageUnavailableException exception) {
    LOG.warn("storage unavailable: {}", exception.getMessage(), exception.getCause());
    return Problem.response(Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
            "recording storage is unavailable right now; retry in a few seconds"))
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
  }
}
