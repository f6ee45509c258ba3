package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.cli.terminal.CliException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** The CLI's composition root: the only place that picks a backend and wires the core on it. */
final class BackendFactory {

  static final Duration AWS_CALL_TIMEOUT = Duration.ofSeconds(30);

  private BackendFactory() {}

  static AdminBackend open(BackendOptions options, Clock clock, Duration retention) {
    return switch (options.kind()) {
      case LOCAL -> local(options.dataDirectory().toAbsolutePath().normalize(), clock, retention);
      case AWS -> aws(options, clock, retention);
    };
  }

  private static AdminBackend local(Path directory, Clock clock, Duration retention) {
    LocalBackend backend = LocalBackend.open(directory, clock);
    return new LocalAdminBackend(directory, backend, wire(clock, retention)
        .repository(backend.repository()).storage(backend.storage()).build());
  }

  private static AdminBackend aws(BackendOptions options, Clock clock, Duration retention) {
    AwsSettings settings;
    try {
      settings = new AwsSettings(options.region(), options.bucket(), options.table(), options.s3Endpoint(),
          options.dynamoDbEndpoint(), options.pathStyle(), AWS_CALL_TIMEOUT);
    } catch (IllegalArgumentException e) {
      throw new CliException("aws backend: " + e.getMessage(), e);
    }
    AwsBackend backend = AwsBackend.create(settings);
    return new AwsAdminBackend(settings, backend, wire(clock, retention)
        .repository(backend.repository()).storage(backend.storage()).build());
  }

  private static Recordings.Builder wire(Clock clock, Duration retention) {
    return Recordings.builder().clock(clock).retention(new RetentionPolicy(retention));
  }
}
