package io.chatvideo.recording.http;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.http.config.AwsBackendSettings;
import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.config.InvalidConfigurationException;
import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.local.files.ObjectAccess;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The composition root: the one place that picks a backend from {@code recording.backend} and
 * wires the core's use cases onto it with the configured policies.
 */
@Factory
final class RecordingsFactory {

  private static final Logger LOG = LoggerFactory.getLogger(RecordingsFactory.class);

  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * @param credentials AWS credentials when a test or an embedding application supplies them; else
   *     the SDK's default chain (environment, profile, container, instance role)
   */
  @Context
  @Bean(preDestroy = "close")
  Backend backend(ServerSettings settings, BeanProvider<LocalBackend> local,
      @Nullable AwsCredentialsProvider credentials) {
    return switch (settings.recording().backend()) {
      case LOCAL -> local(settings, local.get());
      case AWS -> aws(settings, credentials);
    };
  }

  /** The data directory, opened once; {@link Backend#close} closes it. */
  @Singleton
  @Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
  LocalBackend localBackend(ServerSettings settings, Clock clock) {
    return LocalBackend.open(settings.recording().dataDir(), clock);
  }

  /** What the local store's capability URLs may do, for the {@code /objects} routes. */
  @Singleton
  @Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
  ObjectAccess objectAccess(LocalBackend local) {
    return local.objects();
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
        .limits(settings.limits())
        .build();
  }

  private static Backend local(ServerSettings settings, LocalBackend local) {
    return new Backend("local, data " + settings.recording().dataDir(), local.repository(), local.storage(),
        local::close);
  }

  private static Backend aws(ServerSettings settings, @Nullable AwsCredentialsProvider credentials) {
    AwsBackendSettings aws = settings.aws();
    AwsSettings awsSettings;
    try {
      awsSettings = new AwsSettings(aws.region(), aws.bucket(), aws.table(), aws.s3(), aws.dynamoDb(), aws.pathStyle(),
          aws.apiCallTimeout());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException("recording.aws", e.getMessage());
    }
    AwsBackend backend = credentials == null ? AwsBackend.create(awsSettings)
        : AwsBackend.create(awsSettings, credentials);
    if (aws.bootstrap()) {
      try {
        backend.infrastructure().bootstrap(settings.retention().retention(), settings.corsOrigins())
            .forEach(step -> LOG.info("aws bootstrap: {}", step));
      } catch (RuntimeException e) {
        backend.close();
        throw e;
      }
    }
    return new Backend("aws, bucket " + aws.bucket() + ", table " + aws.table(), backend.repository(),
        backend.storage(), backend::close);
  }
}
