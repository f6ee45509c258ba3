package io.chatvideo.recording.core.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an event reports; {@link #wireName()} is its {@code type} in the payload and in subscriptions. */
public enum EventType {
  RECORDING_COMPLETED("recording.completed"),
  RECORDING_READY("recording.ready"),
  RECORDING_PROCESSING_FAILED("recording.processing_failed"),
  RECORDING_DELETED("recording.deleted"),
  RECORDING_EXPIRED("recording.expired"),
  /** What was said was analysed after processing: for now, who spoke when (the speaker timeline). */
  RECORDING_TRANSCRIBED("recording.transcribed"),
  /** Sent to one endpoint on an operator's request, never subscribed to. */
  WEBHOOK_TEST("webhook.test");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The type named {@code name} ({@code recording.ready}); an {@link InvalidInputException} on {@code events} otherwise. */
  public static EventType parse(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.wireName.equals(wanted)).findFirst()
        .orElseThrow(() -> new InvalidInputException("events", "unknown event '" + name + "'; known: "
            + Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", "))));
  }
}
