package io.chatvideo.recording.cli.admin;

import io.chatvideo.recording.cli.terminal.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How recordings are processed, as the server's {@code recording.processing.*} settings say it:
 * each option defaults to the server's environment variable, so a worker beside a server runs
 * with the server's engine and limits.
 */
final class ProcessingOptions {

  @Option(names = "--ffmpeg", paramLabel = "PATH", defaultValue = "${env:RECORDING_PROCESSING_FFMPEG:-ffmpeg}",
      description = "The ffmpeg program, a path or a name on PATH; ffprobe is beside it (env "
          + "RECORDING_PROCESSING_FFMPEG; default: ffmpeg).")
  Path ffmpeg;

  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "${env:RECORDING_PROCESSING_TIMEOUT:-2m}",
      description = "Base time limit of one ffmpeg step, which grows with the recording's duration (env "
          + "RECORDING_PROCESSING_TIMEOUT; default: 2m).")
  Duration timeout;

  /** Read with the rest of the settings ({@code recording.jobs.lease}), in their one duration grammar. */
  @Option(names = "--lease", paramLabel = "DURATION",
      description = "How long a job stays with this worker without a sign of life, 5s to 12h: renewed every "
          + "third of it while the job runs, so a worker that died gives its job back this much later at most "
          + "(env RECORDING_JOBS_LEASE, formerly RECORDING_PROCESSING_LEASE; default: 1m).")
  String lease;

  @Option(names = "--max-duration", paramLabel = "DURATION", converter = DurationConverter.class,
      defaultValue = "${env:RECORDING_PROCESSING_MAX_DURATION:-12h}",
      description = "The longest recording processed, by its packets; a longer one fails too_long (env "
          + "RECORDING_PROCESSING_MAX_DURATION; default: 12h).")
  Duration maxDuration;

  @Option(names = "--mp4", paramLabel = "true|false", arity = "0..1", fallbackValue = "true",
      defaultValue = "${env:RECORDING_PROCESSING_MP4:-true}",
      description = "Make an MP4 rendition (env RECORDING_PROCESSING_MP4; default: true).")
  boolean mp4;
}
