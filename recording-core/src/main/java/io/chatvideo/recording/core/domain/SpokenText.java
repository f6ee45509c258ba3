package io.chatvideo.recording.core.domain;

import java.util.Objects;

/**
 * What one party said from {@code startMs} to {@code endMs} (milliseconds from the start of the
 * recording), as a {@link io.chatvideo.recording.core.port.out.Transcriber} heard it: a phrase or
 * a sentence, never empty. Which party said it is known from the channel it was heard on, not from
 * the engine.
 */
public record SpokenText(long startMs, long endMs, String text) {

  public SpokenText {
    Objects.requireNonNull(text, "text");
    if (startMs < 0 || endMs < startMs) {
      throw new IllegalArgumentException("spoken text runs forward from 0 or later, not " + startMs + " to " + endMs
          + " ms");
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException("spoken text holds a word at least");
    }
  }
}
