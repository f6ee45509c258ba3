package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.aws.BootstrapStep;
import io.chatvideo.recording.core.application.Recordings;
import java.time.Duration;
import java.util.List;

/** S3 and DynamoDB (or compatible stores); {@link #initialize} is the idempotent AWS bootstrap. */
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
    return "aws bucket " + settings.bucket() + ", table " + settings.table() + " in " + settings.region();
  }

  @Override
  public Recordings recordings() {
    return recordings;
  }

  @Override
  public List<String> initialize(Duration retention, List<String> corsOrigins) {
    return backend.infrastructure().bootstrap(retention, corsOrigins).stream().map(BootstrapStep::line).toList();
  }

  @Override
  public void close() {
    backend.close();
  }
}
