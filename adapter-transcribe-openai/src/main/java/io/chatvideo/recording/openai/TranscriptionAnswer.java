package io.chatvideo.recording.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.TranscriptionException;
import io.chatvideo.recording.core.domain.TranscriptionException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a transcription server's answer to {@code response_format=verbose_json}: {@code segments}
 * of {@code {start, end, text}} in seconds (OpenAI, faster-whisper servers, whisper.cpp's server),
 * or in nanoseconds (LocalAI, whose segment times are Go durations); a server or model without
 * segments (OpenAI's {@code gpt-4o-transcribe}, a plain {@code json} answer) gives {@code text}
 * alone, heard as one phrase over the whole chunk. Times are moved by the chunk's offset and kept
 * inside the chunk.
 */
final class TranscriptionAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double NANOS = 1e9;

  private TranscriptionAnswer() {
  }

  static List<SpokenText> read(byte[] body, long offsetMs, long chunkMs) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw bad("not JSON", body, e);
    }
    if (root == null || !root.isObject()) {
      throw bad("not a JSON object", body, null);
    }
    JsonNode segments = root.get("segments");
    if (segments == null || segments.isNull() || (segments.isArray() && segments.isEmpty())) {
      JsonNode text = root.get("text");
      if (text == null || !text.isTextual()) {
        throw bad("neither segments nor text", body, null);
      }
      String said = text.asText().strip();
      return said.isEmpty() ? List.of() : List.of(new SpokenText(offsetMs, offsetMs + chunkMs, said));
    }
    if (!segments.isArray()) {
      throw bad("segments is not a list", body, null);
    }
    double scale = scale(segments, chunkMs, body);
    List<SpokenText> heard = new ArrayList<>();
    for (JsonNode segment : segments) {
      JsonNode text = segment.get("text");
      if (text == null || !text.isTextual()) {
        throw bad("a segment without text", body, null);
      }
      String said = text.asText().strip();
      if (said.isEmpty()) {
        continue;
      }
      long start = Math.min(chunkMs, Math.round(segment.get("start").asDouble() * scale));
      long end = Math.min(chunkMs, Math.round(segment.get("end").asDouble() * scale));
      heard.add(new SpokenText(offsetMs + start, offsetMs + Math.max(start, end), said));
    }
    return heard;
  }

  /** Milliseconds per unit of the segments' times: seconds, unless they only make sense as nanoseconds. */
  private static double scale(JsonNode segments, long chunkMs, byte[] body) {
    double latest = 0;
    for (JsonNode segment : segments) {
      JsonNode start = segment.get("start");
      JsonNode end = segment.get("end");
      if (start == null || end == null || !start.isNumber() || !end.isNumber() || start.asDouble() < 0
          || end.asDouble() < start.asDouble()) {
        throw bad("a segment without a start and an end in order", body, null);
      }
      latest = Math.max(latest, end.asDouble());
    }
    double chunkSeconds = chunkMs / 1000.0;
    // A little past the end is rounding in the server; far past it is another unit, or a wrong answer.
    if (latest <= chunkSeconds + 2) {
      return 1000;
    }
    if (latest >= 1e6 && latest <= (chunkSeconds + 2) * NANOS) {
      return 1000 / NANOS;
    }
    throw bad("segment times run to " + latest + ", past the audio's " + chunkSeconds + " s", body, null);
  }

  private static TranscriptionException bad(String what, byte[] body, Throwable cause) {
    String start = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    return new TranscriptionException(Reason.BAD_ANSWER, "the transcription server's answer is not a transcript",
        what + ": " + start, cause);
  }
}
