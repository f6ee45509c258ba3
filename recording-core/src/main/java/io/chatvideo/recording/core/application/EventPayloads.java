package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.UserId;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON of an event: {@code {"type", "timestamp", "data"}} where {@code data} is the recording
 * with the field names and forms of the API's {@code RecordingJson}, without any URL (a presigned
 * URL in a payload would outlive its purpose in the receiver's logs). Written here, by hand,
 * because the core has no JSON library; the values are few and flat.
 */
final class EventPayloads {

  /** The first field of {@link #recordingData}, a UUID, which needs no JSON escaping. */
  private static final Pattern RECORDING_ID = Pattern.compile("\"data\":\\{\"recording_id\":\"([0-9a-f-]{36})\"");

  private EventPayloads() {}

  static RecordingEvent of(EventType type, Recording recording, Instant now) {
    return event(type, now, recordingData(recording));
  }

  /**
   * A {@code recording.transcribed}: the recording, and under {@code speakers} its timeline as
   * {@code GET /recordings/{id}/speakers} shows it (state, reason, talk time per party, segments),
   * and under {@code transcript} (when transcripts are on) its state, error, engine and cue count.
   */
  static RecordingEvent transcribed(CompletedRecording recording, SpeakerTimeline timeline,
      Optional<Transcript> transcript, Instant now) {
    Map<String, Object> data = recordingData(recording);
    Map<String, Object> speakers = new LinkedHashMap<>();
    speakers.put("state", timeline.state().wireName());
    timeline.reason().ifPresent(reason -> speakers.put("reason", reason));
    Map<String, Object> talk = new LinkedHashMap<>();
    for (Party party : Party.values()) {
      talk.put(party.wireName(), timeline.talkMs(party));
    }
    speakers.put("talk_ms", talk);
    speakers.put("segments", timeline.segments().stream().map(segment -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("party", segment.party().wireName());
      one.put("start_ms", segment.startMs());
      one.put("end_ms", segment.endMs());
      return one;
    }).toList());
    data.put("speakers", speakers);
    // The transcript's state, not its text: a long call's words would outgrow a webhook; GET …/transcript has them.
    transcript.ifPresent(made -> {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("state", made.state().wireName());
      made.reason().ifPresent(reason -> summary.put("error", reason));
      summary.put("engine", made.engine());
      summary.put("cues", made.cues().size());
      data.put("transcript", summary);
    });
    return event(EventType.RECORDING_TRANSCRIBED, now, data);
  }

  /**
   * A {@code recording.completed} of a partial recording that its client replaced with the whole
   * call: the same recording id, {@code partial: false}, and {@code replaces_partial: true}, so a
   * receiver that stored the partial one knows to take this instead.
   */
  static RecordingEvent replacesPartial(CompletedRecording recording, Instant now) {
    Map<String, Object> data = recordingData(recording);
    data.put("replaces_partial", true);
    return event(EventType.RECORDING_COMPLETED, now, data);
  }

  /** A {@code webhook.test}: its data names the endpoint it was sent to. */
  static RecordingEvent test(String endpointId, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("endpoint_id", endpointId);
    return event(EventType.WEBHOOK_TEST, now, data);
  }

  /** The recording an event written by {@link #of} reports on; empty for one about no recording (a test). */
  static Optional<RecordingId> recordingId(RecordingEvent event) {
    Matcher found = RECORDING_ID.matcher(event.body());
    return found.find() ? Optional.of(RecordingId.parse(found.group(1))) : Optional.empty();
  }

  private static RecordingEvent event(EventType type, Instant now, Map<String, Object> data) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type.wireName());
    body.put("timestamp", iso(now));
    body.put("data", data);
    return new RecordingEvent(EventId.random(), type, now, json(body));
  }

  private static Map<String, Object> recordingData(Recording recording) {
    RecordingDetails details = recording.details();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("recording_id", details.id().toString());
    data.put("room_id", details.roomId().value());
    data.put("filename", details.filename().value());
    if (recording instanceof CompletedRecording completed) {
      data.put("size", completed.storedSize());
    } else if (details.declaredSize().isPresent()) {
      data.put("size", details.declaredSize().getAsLong());
    }
    data.put("created_at", iso(details.createdAt()));
    data.put("expires_at", iso(details.expiresAt()));
    data.put("status", recording.status().name());
    data.put("content_type", details.contentType().value());
    data.put("audio_layout", details.audioLayout().wireName());
    List<String> participants = details.participants().stream().map(UserId::value).sorted().toList();
    if (!participants.isEmpty()) {
      data.put("participants", participants);
    }
    if (recording instanceof CompletedRecording completed) {
      data.put("completed_at", iso(completed.completedAt()));
      data.put("partial", completed.isPartial());
      completed.partial().ifPresent(reason -> data.put("partial_reason", reason.wireName()));
      completed.duration().ifPresent(d -> data.put("duration_ms", d.toMillis()));
      Processing processing = completed.processing();
      data.put("processing", processing.state().wireName());
      processing.failure().ifPresent(f -> data.put("processing_error", f));
      processing.width().ifPresent(w -> data.put("width", w));
      processing.height().ifPresent(h -> data.put("height", h));
    }
    return data;
  }

  /** ISO-8601 in UTC, as the API writes instants. */
  private static String iso(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static String json(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> quote((String) e.getKey()) + ":" + json(e.getValue()))
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (value instanceof List<?> list) {
      return list.stream().map(EventPayloads::json).collect(Collectors.joining(",", "[", "]"));
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return quote(value.toString());
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
