package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import java.nio.file.Path;

/**
 * The media engine (ffmpeg) that turns an uploaded recording into what people watch. Every method
 * reads its input and writes a new file at {@code out}; none changes its input. Each throws
 * {@link MediaProcessingException} with a reason when it cannot do its work, and leaves no file
 * at {@code out} then.
 */
public interface MediaProcessor {

  /** What the file holds. */
  MediaInfo probe(Path file);

  /**
   * The same streams without re-encoding, made seekable: a WebM with Cues and a Duration, an MP4
   * with its index first ({@code faststart}). {@code info} is the original's {@link #probe}, which
   * the caller has already paid for (a MediaRecorder WebM has no Duration, so its probe reads every
   * packet). Answers the output's probe, which equals {@code info} in duration (within a frame or
   * so) and streams, or the step fails with {@code MISMATCH}.
   */
  MediaInfo remuxSeekable(Path original, MediaInfo info, ContentType contentType, Path out);

  /** An MP4 every player takes: H.264 (yuv420p) and AAC, index first. Answers the output's probe. */
  MediaInfo transcodeMp4(Path original, MediaInfo info, Path out);

  /** A JPEG poster at most {@code maxWidth} pixels wide, from a frame that is not black. */
  MediaInfo.VideoStream thumbnail(Path original, MediaInfo info, int maxWidth, Path out);
}
