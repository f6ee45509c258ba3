package io.chatvideo.recording.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a recording, as it will be sent: {@code body} is the JSON payload
 * {@code {"type", "timestamp", "data"}}, fixed when the event is written so that every delivery
 * and retry signs and sends the same bytes.
 */
public record RecordingEvent(EventId id, EventType type, Instant timestamp, String body) {

  public RecordingEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(body, "body");
  }
}
