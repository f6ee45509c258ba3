package io.chatvideo.recording.http.ops;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.wiring.Backend;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Readiness: the metadata store (SQLite or DynamoDB) answers a lookup. When it cannot, {@code
 * /health} answers 503 DOWN, so a load balancer stops sending uploads that would fail anyway. The
 * detail names no host: health is public.
 */
@Singleton
@Readiness
final class MetadataStoreHealth implements HealthIndicator {

  private static final String NAME = "metadata-store";
  /** An id no recording has; the lookup costs one indexed read. */
  private static final RecordingId PROBE = new RecordingId(new UUID(0, 0));

  private final Backend backend;
  private final ExecutorService blocking;

  MetadataStoreHealth(Backend backend, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
    this.backend = backend;
    this.blocking = blocking;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(this::probe, blocking));
  }

  private HealthResult probe() {
    try {
      backend.repository().find(PROBE);
      return HealthResult.builder(NAME, HealthStatus.UP).build();
    } catch (StorageUnavailableException e) {
      return HealthResult.builder(NAME, HealthStatus.DOWN)
          .details(Map.of("error", "the metadata store cannot be reached")).build();
    }
  }
}
