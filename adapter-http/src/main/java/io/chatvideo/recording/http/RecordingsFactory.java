package io.chatvideo.recording.http;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.local.LocalBackend;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * The composition root: the one place that picks a backend from {@code recording.backend} and
 * wires the core's use cases onto it with the configured policies.
 */
@Factory
final class RecordingsFactory {

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Context
  @Bean(preDestroy = "close")
  Backend backend(ServerSettings settings, Clock clock) {
    return switch (settings.recording().backend()) {
      case LOCAL -> local(settings, clock);
      case AWS -> aws(settings);
    };
  }

  @Singleton
  Recordings recordings(Backend backend, ServerSettings settings, Clock clock) {
    return Recordings.builder()
        .repository(backend.repository())
        .storage(backend.storage())
        .clock(clock)
        .retention(settings.retention())
        .presign(settings.presign())
        .sizes(settings.sizes())
        .build();
  }

  private static Backend local(ServerSettings settings, Clock clock) {
    LocalBackend local = LocalBackend.open(settings.recording().dataDir(), clock);
    return new Backend("local, data " + settings.recording().dataDir(), local.repository(), local.storage(),
        Optional.of(local.objects()), local);
  }

  private static Backend aws(ServerSettings settings) {
    throw new UnsupportedOperationException("aws backend not wired yet");
  }
}
