package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The media engine (ffmpeg) that turns an uploaded recording into what people watch. Every method
 * reads its input and writes a new file at {@code out}; none changes its input. Each throws
 * {@link MediaProcessingException} with a reason when it cannot do its work, and leaves no file
 * at {@code out} then.
 *
 * <p>An upload is untrusted: the engine reads a file only as its declared {@code contentType}
 * allows (a WebM as Matroska, an MP4 or M4A as ISO BMFF, never as a playlist or a script that
 * names other files), and refuses codecs and streams that type does not promise.
 */
public interface MediaProcessor {

  /**
   * What the file holds, read as {@code contentType}: its streams, and how long its packets run
   * (a header's duration is a claim, not the truth). A file that is not that type is {@code
   * NOT_MEDIA}, one whose codecs or streams the type does not allow {@code UNSUPPORTED}, one
   * whose packets run longer than {@code longest} {@code TOO_LONG}.
   */
  MediaInfo probe(Path file, ContentType contentType, Duration longest);

  /**
   * The same streams without re-encoding, made seekable: a WebM with Cues and a Duration, an MP4
   * with its index first ({@code faststart}). {@code info} is the original's {@link #probe}, which
   * the caller has already paid for (reading every packet). Answers the output's probe, which
   * equals {@code info} in duration (within a frame or so) and streams, or the step fails with
   * {@code MISMATCH}.
   */
  MediaInfo remuxSeekable(Path original, MediaInfo info, ContentType contentType, Path out);

  /**
   * An MP4 every player takes: H.264 (yuv420p) and AAC, index first, from {@code original} of
   * type {@code contentType}. With {@code audioLayout} {@code PER_PARTY} both parties are mixed
   * into both ears (the original keeps them apart). Answers the output's probe.
   */
  MediaInfo transcodeMp4(Path original, ContentType contentType, MediaInfo info, AudioLayout audioLayout, Path out);

  /** {@link #transcodeMp4(Path, ContentType, MediaInfo, AudioLayout, Path)} of a recording whose audio is mixed. */
  default MediaInfo transcodeMp4(Path original, ContentType contentType, MediaInfo info, Path out) {
    return transcodeMp4(original, contentType, info, AudioLayout.MIXED, out);
  }

  /** A JPEG poster at most {@code maxWidth} pixels wide, from a frame that is not black. */
  MediaInfo.VideoStream thumbnail(Path original, ContentType contentType, MediaInfo info, int maxWidth, Path out);

  /**
   * A storyboard for scrubbing previews: one JPEG sprite at {@code sprite} of small frames (160
   * pixels wide) taken at a fixed interval, at most {@link #STORYBOARD_TILES} of them however long
   * the recording, and a WebVTT file at {@code track} whose cues cover the recording end to end,
   * each naming its region of the sprite as {@code storyboard.jpg#xywh=x,y,w,h} (relative, so it
   * resolves against the address the track was fetched from). An engine without one throws
   * {@code FAILED}; the caller treats a storyboard as optional.
   */
  default void storyboard(Path original, ContentType contentType, MediaInfo info, Path sprite, Path track) {
    throw new MediaProcessingException(MediaProcessingException.Reason.FAILED, "this engine makes no storyboard");
  }

  /** The most frames a storyboard's sprite holds: the interval grows with the recording instead. */
  int STORYBOARD_TILES = 100;
}
