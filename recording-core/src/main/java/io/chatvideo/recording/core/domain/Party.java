package io.chatvideo.recording.core.domain;

import java.util.Locale;

/**
 * One side of a 1:1 call as the recorder saw it: {@code LOCAL} is who recorded (the left channel
 * of a {@link AudioLayout#PER_PARTY} recording), {@code REMOTE} the other party (the right channel).
 */
public enum Party {
  LOCAL,
  REMOTE;

  /** {@code local} or {@code remote}, on the wire and in stores. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The party {@link #wireName()} wrote. */
  public static Party fromWireName(String text) {
    return Party.valueOf(text.toUpperCase(Locale.ROOT));
  }
}
