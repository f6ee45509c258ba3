package io.chatvideo.recording.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What {@code ffprobe -show_format -show_streams -of json} says of a file: the first video and
 * audio stream, and the container's duration when it has one (MediaRecorder's WebM has none:
 * {@code N/A}, and then the duration comes from the packets).
 */
record ProbeReport(OptionalDouble containerSeconds, Optional<MediaInfo.VideoStream> video,
    Optional<MediaInfo.AudioStream> audio) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ProbeReport parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new MediaProcessingException(Reason.FAILED, "ffprobe answered something that is not JSON", e);
    }
    Optional<MediaInfo.VideoStream> video = Optional.empty();
    Optional<MediaInfo.AudioStream> audio = Optional.empty();
    for (JsonNode stream : root.path("streams")) {
      String type = stream.path("codec_type").asText();
      String codec = stream.path("codec_name").asText("unknown");
      if (type.equals("video") && video.isEmpty() && !stream.path("disposition").path("attached_pic").asBoolean()) {
        int width = stream.path("width").asInt();
        int height = stream.path("height").asInt();
        if (width > 0 && height > 0) {
          video = Optional.of(new MediaInfo.VideoStream(codec, width, height));
        }
      } else if (type.equals("audio") && audio.isEmpty()) {
        audio = Optional.of(new MediaInfo.AudioStream(codec));
      }
    }
    return new ProbeReport(seconds(root.path("format").path("duration")), video, audio);
  }

  boolean hasStreams() {
    return video.isPresent() || audio.isPresent();
  }

  MediaInfo withDuration(double seconds) {
    return new MediaInfo(Duration.ofNanos(Math.round(seconds * 1e9)), video, audio);
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
