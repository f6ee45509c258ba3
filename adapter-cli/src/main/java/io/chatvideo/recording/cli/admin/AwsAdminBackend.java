package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.aws.BootstrapStep;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** S3, DynamoDB and, with a queue, SQS (or compatible services); {@link #initialize} is the idempotent AWS bootstrap. */
final class AwsAdminBackend implements AdminBackend {

  private final AwsSettings settings;
  private final AwsBackend backend;
  private final Recordings recordings;

  AwsAdminBackend(AwsSettings settings, AwsBackend backend, Recordings recordings) {
    this.settings = settings;
    this.backend = backend;
    this.recordings = recordings;
  }

  @Override
  public String description() {
    return "aws bucket " + settings.bucket() + ", table " + settings.table()
        + settings.queue().map(queue -> ", queue " + queue).orElse("") + " in " + settings.region();
  }

  @Override
  public Recordings recordings() {
    return recordings;
  }

  @Override
  public List<String> initialize(Duration retention, List<String> corsOrigins) {
    return backend.infrastructure().bootstrap(retention, corsOrigins, BackendFactory.JOB_ATTEMPTS).stream().map(BootstrapStep::line).toList();
  }

  @Override
  public Optional<Recording> find(RecordingId id) {
    return backend.repository().find(id);
  }

  @Override
  public void close() {
    backend.close();
  }
}
