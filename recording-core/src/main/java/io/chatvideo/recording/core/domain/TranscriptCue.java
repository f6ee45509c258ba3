package io.chatvideo.recording.core.domain;

import java.util.Objects;

/**
 * What {@code party} said from {@code startMs} to {@code endMs} of a recording: a phrase an engine
 * heard on that party's channel, its text on one line.
 */
public record TranscriptCue(Party party, long startMs, long endMs, String text) {

  public TranscriptCue {
    Objects.requireNonNull(party, "party");
    Objects.requireNonNull(text, "text");
    text = text.strip().replaceAll("\\s+", " ");
    if (startMs < 0 || endMs < startMs) {
      throw new IllegalArgumentException("a cue runs forward from 0 or later, not " + startMs + " to " + endMs + " ms");
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a cue holds a word at least");
    }
  }

  /** {@code party}'s phrase as an engine heard it on that party's channel. */
  public static TranscriptCue of(Party party, SpokenText spoken) {
    return new TranscriptCue(party, spoken.startMs(), spoken.endMs(), spoken.text());
  }
}
