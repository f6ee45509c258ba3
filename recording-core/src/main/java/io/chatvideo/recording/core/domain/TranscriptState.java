package io.chatvideo.recording.core.domain;

import java.util.Locale;

/**
 * Where a recording's transcript stands. {@code QUEUED} and {@code RUNNING} while the job waits or
 * runs (a retry after a failure the engine may get over waits as {@code QUEUED} again); {@code
 * READY} with its cues; {@code FAILED} with one of {@link Transcript}'s fixed reasons; {@code
 * SKIPPED} when the recording cannot be transcribed per party ({@code mixed_audio}, {@code
 * one_channel}, {@code not_processed}); {@code OFF} when no engine is configured. Only the first
 * five are kept; {@code OFF} is what the API says of a recording without one.
 */
public enum TranscriptState {
  QUEUED,
  RUNNING,
  READY,
  FAILED,
  SKIPPED,
  OFF;

  /** {@code queued}, {@code running}, {@code ready}, {@code failed}, {@code skipped}, {@code off}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TranscriptState fromWireName(String text) {
    return TranscriptState.valueOf(text.toUpperCase(Locale.ROOT));
  }
}
