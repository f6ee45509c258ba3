package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.aws.BootstrapStep;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.webhook.StandardWebhookSender;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** S3, DynamoDB and, with a queue, SQS (or compatible services); {@link #initialize} is the idempotent AWS bootstrap. */
final class AwsAdminBackend implements AdminBackend {

  private final AwsSettings settings;
  private final AwsBackend backend;
  private final Recordings recordings;
  private final Optional<StandardWebhookSender> sender;

  /** @param sender the webhook sender when events are on (a queue was given), closed with the backend */
  AwsAdminBackend(AwsSettings settings, AwsBackend backend, Recordings recordings,
      Optional<StandardWebhookSender> sender) {
    this.settings = settings;
    this.backend = backend;
    this.recordings = recordings;
    this.sender = sender;
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
    sender.ifPresent(AwsAdminBackend::closeQuietly);
    backend.close();
  }

  static void closeQuietly(StandardWebhookSender sender) {
    if (sender == null) {
      return;
    }
    try {
      sender.close();
    } catch (IOException e) {
      // Its connections die with the process; the clients below are what must close cleanly.
    }
  }
}
