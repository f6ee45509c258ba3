package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.testing.TestRecordings;
import io.chatvideo.recording.local.LocalBackend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCommandTest {

  @TempDir
  Path home;

  @Test
  void initWithTheLocalBackendPreparesTheDataDirectory() {
    Path data = home.resolve("data");

    Cli.Result result = new Cli(home).run("admin", "init", "--data-dir", data.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("local data directory " + data + " is ready");
    assertThat(data).isDirectory();
    assertThat(new Cli(home).run("admin", "init", "--data-dir", data.toString()).exitCode())
        .as("init runs again without harm").isZero();
  }

  @Test
  void listShowsEveryOwnersRecordingsFromTheStore() {
    Path data = home.resolve("data");
    CompletedRecording done = TestRecordings.completed("ann@example.com", "room-1", Cli.NOW.minusSeconds(60));
    PendingRecording pending = TestRecordings.pending("bob@example.com", "room-2", Cli.NOW.minusSeconds(30));
    try (LocalBackend backend = LocalBackend.open(data, Clock.fixed(Cli.NOW, ZoneOffset.UTC))) {
      backend.repository().insert(pendingOf(done));
      backend.repository().replace(done, io.chatvideo.recording.core.domain.RecordingStatus.PENDING);
      backend.repository().insert(pending);
    }

    Cli.Result result = new Cli(home).run("admin", "list", "--all", "--data-dir", data.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("OWNER")
        .containsPattern(done.id() + " +room-1 +ann@example.com .* COMPLETED")
        .containsPattern(pending.id() + " +room-2 +bob@example.com .* PENDING");
  }

  @Test
  void sweepQueuesAgainTheProcessingOfARecordingWhoseJobWasLost() {
    Path data = home.resolve("data");
    Instant completedAt = Cli.NOW.minus(Duration.ofMinutes(11));
    CompletedRecording lost = TestRecordings.completed("ann@example.com", "room-1", completedAt.minusSeconds(60))
        .withProcessing(Processing.queued(completedAt));
    CompletedRecording recent = TestRecordings.completed("bob@example.com", "room-2", Cli.NOW.minusSeconds(120))
        .withProcessing(Processing.queued(Cli.NOW.minusSeconds(60)));
    try (LocalBackend backend = LocalBackend.open(data, Clock.fixed(Cli.NOW, ZoneOffset.UTC))) {
      for (CompletedRecording recording : List.of(lost, recent)) {
        backend.repository().insert(pendingOf(recording));
        backend.repository().replace(recording, RecordingStatus.PENDING);
      }
    }

    Cli.Result result = new Cli(home).run("admin", "sweep", "--data-dir", data.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).endsWith("; queued 1 recordings' processing again\n");
    try (LocalBackend backend = LocalBackend.open(data, Clock.fixed(Cli.NOW, ZoneOffset.UTC))) {
      JobQueue jobs = backend.jobs(5);
      assertThat(jobs.lease(Cli.NOW, Duration.ofMinutes(1))).map(lease -> lease.job().subject())
          .contains(lost.id().toString());
      assertThat(jobs.lease(Cli.NOW, Duration.ofMinutes(1))).as("a recording queued a minute ago is left alone")
          .isEmpty();
    }
  }

  @Test
  void sweepRemovesExpiredRecordings() {
    Path data = home.resolve("data");
    PendingRecording old = TestRecordings.pending("ann@example.com", "room-1", Cli.NOW.minus(Duration.ofDays(40)));
    try (LocalBackend backend = LocalBackend.open(data, Clock.fixed(Cli.NOW, ZoneOffset.UTC))) {
      backend.repository().insert(old);
    }

    Cli.Result result = new Cli(home).run("admin", "sweep", "--data-dir", data.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("removed 1 expired and 0 abandoned recordings, and 0 objects no recording points to");
    try (LocalBackend backend = LocalBackend.open(data, Clock.fixed(Cli.NOW, ZoneOffset.UTC))) {
      assertThat(backend.repository().find(old.id())).isEqualTo(Optional.empty());
    }
  }

  @Test
  void anUnknownBackendIsRefusedAsTheServerRefusesIt() {
    Cli.Result result = new Cli(home).run("admin", "sweep", "--backend", "ftp");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: invalid configuration: recording.backend (RECORDING_BACKEND) 'ftp' is "
        + "not a backend: local or aws\n");
  }

  @Test
  void theAwsBackendNamesTheSettingItMisses() {
    Cli.Result result = new Cli(home).run("admin", "list", "--backend", "aws", "--region", "eu-west-1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: invalid configuration: recording.aws.bucket (RECORDING_AWS_BUCKET) is "
        + "required with the aws backend\n");
  }

  @Test
  void theAwsBackendRefusesAnInvalidBucketName() {
    Cli.Result result = new Cli(home).run("admin", "list", "--backend", "aws", "--region", "eu-west-1",
        "--bucket", "Not_A_Bucket", "--table", "recordings");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: invalid configuration: recording.aws (RECORDING_AWS) ")
        .contains("Not_A_Bucket").doesNotContain("\tat ");
  }

  @Test
  void aWorkerWithoutFfmpegStopsWithOneLine() {
    Cli.Result result = new Cli(home).run("worker", "--ffmpeg", home.resolve("no-ffmpeg").toString(),
        "--data-dir", home.resolve("data").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: invalid configuration: recording.processing.ffmpeg "
        + "(RECORDING_PROCESSING_FFMPEG) '" + home.resolve("no-ffmpeg") + "' with ffprobe beside it is not an "
        + "executable program; install ffmpeg, point this at it (or --ffmpeg PATH)\n");
  }

  @Test
  void aWorkerOnAwsWithoutAQueueStopsWithOneLine() {
    Cli.Result result = new Cli(home).run("worker", "--backend", "aws", "--region", "eu-west-1",
        "--bucket", "acme-recordings", "--table", "recordings");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo(
        "error: no job queue to process from: the aws backend needs --queue (or RECORDING_AWS_QUEUE)\n");
  }

  @Test
  void aWorkerCountOutOfRangeIsAUsageError() {
    Cli.Result result = new Cli(home).run("worker", "--workers", "0", "--data-dir", home.resolve("data").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--workers must be 1 to 64, was 0");
  }

  @Test
  void reprocessNamesWhatIsWrongWithTheRecording() {
    Path data = home.resolve("data");
    PendingRecording pending = TestRecordings.pending("ann@example.com", "room-1", Cli.NOW.minusSeconds(30));
    try (LocalBackend backend = LocalBackend.open(data, Clock.fixed(Cli.NOW, ZoneOffset.UTC))) {
      backend.repository().insert(pending);
    }
    String unknown = "00000000-0000-4000-8000-000000000000";

    Cli.Result notCompleted = new Cli(home).run("admin", "reprocess", pending.id().toString(), "--data-dir",
        data.toString());
    Cli.Result missing = new Cli(home).run("admin", "reprocess", unknown, "--data-dir", data.toString());
    Cli.Result notAnId = new Cli(home).run("admin", "reprocess", "standup", "--data-dir", data.toString());

    assertThat(notCompleted.exitCode()).isEqualTo(1);
    assertThat(notCompleted.err()).isEqualTo("error: recording " + pending.id() + " is PENDING; only a completed "
        + "recording is processed\n");
    assertThat(missing.err()).isEqualTo("error: recording " + unknown + " not found\n");
    assertThat(notAnId.exitCode()).isEqualTo(1);
    assertThat(notAnId.err()).startsWith("error: 'standup' is not a recording id");
  }

  private static PendingRecording pendingOf(CompletedRecording completed) {
    return new PendingRecording(completed.details(), Optional.empty(), completed.completedAt());
  }
}
