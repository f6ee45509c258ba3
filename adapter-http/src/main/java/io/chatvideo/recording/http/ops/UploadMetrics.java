package io.chatvideo.recording.http.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** Counters of uploads requested (single PUT or multipart) and completed, for dashboards and alerts. */
@Singleton
public final class UploadMetrics {

  private final Counter requested;
  private final Counter completed;

  UploadMetrics(MeterRegistry registry) {
    this.requested = Counter.builder("recordings.uploads.requested")
        .description("upload URLs issued and multipart uploads started").register(registry);
    this.completed = Counter.builder("recordings.uploads.completed")
        .description("uploads verified and marked COMPLETED").register(registry);
  }

  public void requested() {
    requested.increment();
  }

  public void completed() {
    completed.increment();
  }
}
