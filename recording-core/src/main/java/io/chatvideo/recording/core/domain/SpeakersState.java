package io.chatvideo.recording.core.domain;

import java.util.Locale;

/**
 * What became of finding who spoke when: {@code READY} (the timeline is there), {@code
 * UNAVAILABLE} (the recording cannot tell the parties apart, e.g. {@code mixed_audio}) or {@code
 * FAILED} (the engine could not read it). Before the step ran there is no timeline at all, which
 * the API calls {@code pending}.
 */
public enum SpeakersState {
  READY,
  UNAVAILABLE,
  FAILED;

  /** {@code ready}, {@code unavailable}, {@code failed}, on the wire and in stores. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SpeakersState fromWireName(String text) {
    return SpeakersState.valueOf(text.toUpperCase(Locale.ROOT));
  }
}
