package io.chatvideo.recording.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@code ffprobe -show_format -show_streams -of json} says of a file: the demuxer that read
 * it, every stream, and the duration its header claims when it has one (MediaRecorder's WebM has
 * none: {@code N/A}). The header is a claim; the duration the engine trusts comes from the packets.
 */
record ProbeReport(String formatName, OptionalDouble containerSeconds, List<Stream> streams) {

  /** One stream as ffprobe lists it; width and height are 0 when unknown or not video. */
  record Stream(String type, String codec, int width, int height, boolean attachedPicture) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static ProbeReport parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new MediaProcessingException(Reason.FAILED, "ffprobe answered something that is not JSON", e);
    }
    List<Stream> streams = new ArrayList<>();
    for (JsonNode stream : root.path("streams")) {
      streams.add(new Stream(stream.path("codec_type").asText("unknown"), stream.path("codec_name").asText("unknown"),
          stream.path("width").asInt(), stream.path("height").asInt(),
          stream.path("disposition").path("attached_pic").asBoolean()));
    }
    return new ProbeReport(root.path("format").path("format_name").asText(""),
        seconds(root.path("format").path("duration")), List.copyOf(streams));
  }

  /** The first video stream with a known size: a stream whose size is unknown has no frame to show. */
  Optional<MediaInfo.VideoStream> video() {
    return streams.stream().filter(s -> s.type().equals("video") && s.width() > 0 && s.height() > 0).findFirst()
        .map(s -> new MediaInfo.VideoStream(s.codec(), s.width(), s.height()));
  }

  Optional<MediaInfo.AudioStream> audio() {
    return streams.stream().filter(s -> s.type().equals("audio")).findFirst()
        .map(s -> new MediaInfo.AudioStream(s.codec()));
  }

  boolean hasStreams() {
    return video().isPresent() || audio().isPresent();
  }

  MediaInfo withDuration(double seconds) {
    return new MediaInfo(Duration.ofNanos(Math.round(seconds * 1e9)), video(), audio());
  }

  private static OptionalDouble seconds(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return OptionalDouble.empty();
    }
    try {
      double seconds = Double.parseDouble(value.asText());
      return Double.isFinite(seconds) && seconds >= 0 ? OptionalDouble.of(seconds) : OptionalDouble.empty();
    } catch (NumberFormatException notANumber) {
      return OptionalDouble.empty();
    }
  }
}
