package io.chatvideo.recording.core.domain;

import java.util.Locale;

/**
 * Where a completed recording is in processing: {@code QUEUED → RUNNING → READY}, or {@code
 * FAILED} (the original stays downloadable), or {@code OFF} when the server does not process.
 */
public enum ProcessingState {
  QUEUED,
  RUNNING,
  READY,
  FAILED,
  OFF;

  /** The name on the wire and in stores: {@code queued}, {@code ready}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state named {@code text} as {@link #wireName()} writes it. */
  public static ProcessingState fromWireName(String text) {
    for (ProcessingState state : values()) {
      if (state.wireName().equals(text)) {
        return state;
      }
    }
    throw new IllegalArgumentException("not a processing state: " + text);
  }

  /** Whether a job still has work to do on the recording. */
  public boolean isPending() {
    return this == QUEUED || this == RUNNING;
  }
}
