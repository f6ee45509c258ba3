package io.chatvideo.recording.core.domain;

import java.util.Objects;

/** {@code party} spoke from {@code startMs} to {@code endMs}, in milliseconds from the start of the recording. */
public record SpeechSegment(Party party, long startMs, long endMs) {

  public SpeechSegment {
    Objects.requireNonNull(party, "party");
    if (startMs < 0 || endMs <= startMs) {
      throw new IllegalArgumentException("a speech segment runs forward from 0 or later, not " + startMs + " to "
          + endMs + " ms");
    }
  }

  public long lengthMs() {
    return endMs - startMs;
  }
}
