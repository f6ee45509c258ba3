package io.chatvideo.recording.lambda;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.port.out.MediaProcessor;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The media engine as the function sees it: elsewhere. With it the core queues each completed
 * recording's job (on {@code RECORDING_AWS_QUEUE}) and marks it {@code queued}; the worker tier
 * ({@code recordings worker} in a container with ffmpeg) runs it. No worker runs in the function
 * (adapter-http's workers require a non-function environment), so these methods are not called
 * here; if one were, the job would fail with a reason and go back to the queue for a worker.
 */
@Singleton
final class WorkerTierMedia implements MediaProcessor {

  private static MediaProcessingException elsewhere() {
    return new MediaProcessingException(MediaProcessingException.Reason.ENGINE_MISSING,
        "media is processed by the worker tier (recordings worker), not in AWS Lambda");
  }

  @Override
  public MediaInfo probe(Path file) {
    throw elsewhere();
  }

  @Override
  public MediaInfo remuxSeekable(Path original, ContentType contentType, Path out) {
    throw elsewhere();
  }

  @Override
  public MediaInfo transcodeMp4(Path original, MediaInfo info, Path out) {
    throw elsewhere();
  }

  @Override
  public MediaInfo.VideoStream thumbnail(Path original, MediaInfo info, int maxWidth, Path out) {
    throw elsewhere();
  }
}
