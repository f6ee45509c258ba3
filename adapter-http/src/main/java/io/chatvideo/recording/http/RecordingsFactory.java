package io.chatvideo.recording.http;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.config.InvalidConfigurationException;
import io.chatvideo.recording.http.config.ServerSettings;
import io.chatvideo.recording.http.passcode.BcryptPasscodeHasher;
import io.chatvideo.recording.local.files.ObjectAccess;
import io.chatvideo.recording.wiring.Backend;
import io.chatvideo.recording.wiring.Composition;
import io.chatvideo.recording.wiring.SettingException;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The server's edge of the one composition ({@link Composition}, recording-wiring): its settings
 * in, the beans the HTTP layer injects out, plus what only the server wires (shares with their
 * passcodes, the upload policies). The worker and the admin commands compose the same way.
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
  Composition composition(ServerSettings settings, Clock clock,
      @Nullable AwsCredentialsProvider credentials) {
    Composition.Edges edges = new Composition.Edges(Optional.ofNullable(credentials), settings.corsOrigins(),
        UnaryOperator.identity(), (builder, backend) -> builder
            .presign(settings.presign())
            .sizes(settings.sizes())
            .limits(settings.limits())
            .shares(backend.shares())
            .passcodes(new BcryptPasscodeHasher())
            .passcodeAttempts(backend.passcodeAttempts(), settings.passcodeGuesses())
            .sharePolicy(settings.sharePolicy()));
    Composition composition;
    try {
      composition = Composition.compose(settings.wiring(), Composition.Role.SERVER, clock, edges);
    } catch (SettingException e) {
      throw new InvalidConfigurationException(e.key(), e.problem());
    }
    composition.notes().forEach(LOG::info);
    if (settings.mail().enabled()) {
      LOG.info("mail is on: {}", settings.mail());
    }
    LOG.info("wiring: {}", composition.describe());
    return composition;
  }

  @Singleton
  Backend backend(Composition composition) {
    return composition.backend();
  }

  @Singleton
  Recordings recordings(Composition composition) {
    return composition.recordings();
  }

  /** What the local store's capability URLs may do, for the {@code /objects} routes. */
  @Singleton
  @Requires(property = BackendKind.PROPERTY, pattern = BackendKind.LOCAL_PATTERN, defaultValue = BackendKind.DEFAULT)
  ObjectAccess objectAccess(Composition composition) {
    return composition.objects().orElseThrow();
  }
}
