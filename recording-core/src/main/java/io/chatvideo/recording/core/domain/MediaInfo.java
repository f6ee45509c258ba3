package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a media file holds, as probed: how long it plays and its video and audio streams (the
 * first of each; a call recording has at most one of each).
 *
 * <pre>{@code
 * MediaInfo info = processor.probe(file);
 * info.video().map(VideoStream::width);   // 1280
 * }</pre>
 */
public record MediaInfo(Duration duration, Optional<VideoStream> video, Optional<AudioStream> audio) {

  public MediaInfo {
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(audio, "audio");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a duration cannot be negative: " + duration);
    }
  }

  /** A video stream: codec name as ffprobe names it ({@code vp8}, {@code h264}) and frame size in pixels. */
  public record VideoStream(String codec, int width, int height) {

    public VideoStream {
      Objects.requireNonNull(codec, "codec");
      if (width <= 0 || height <= 0) {
        throw new IllegalArgumentException("a video stream has a positive size, not " + width + "x" + height);
      }
    }
  }

  /** An audio stream: codec name as ffprobe names it ({@code opus}, {@code aac}). */
  public record AudioStream(String codec) {

    public AudioStream {
      Objects.requireNonNull(codec, "codec");
    }
  }
}
