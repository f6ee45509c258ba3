package io.chatvideo.recording.core.domain;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An event's identity: the {@code webhook-id} of every delivery of it, to every endpoint and on
 * every retry, so receivers can drop duplicates ({@code msg_} and 32 hex digits).
 */
public record EventId(String value) {

  private static final Pattern FORM = Pattern.compile("msg_[0-9a-f]{32}");

  public EventId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new InvalidInputException("event_id", "is msg_ and 32 hex digits, not '" + value + "'");
    }
  }

  public static EventId random() {
    return new EventId("msg_" + UUID.randomUUID().toString().replace("-", ""));
  }

  @Override
  public String toString() {
    return value;
  }
}
