package io.chatvideo.recording.core.domain;

import java.util.Objects;

/**
 * A media file could not be processed, with the reason a person can read (for a recording's
 * {@code processing: failed}). The original is never touched by a processing step, so it stays
 * downloadable whatever the reason.
 */
public final class MediaProcessingException extends RuntimeException {

  /** Why processing stopped; {@link #retryable()} says whether trying again may help. */
  public enum Reason {
    /** The file is not media the engine can read (a text file, a truncated header). */
    NOT_MEDIA(false),
    /** The file is media, but holds nothing that plays (no stream, or zero duration). */
    EMPTY(false),
    /** A step's output did not probe equal to its input (duration or streams differ). */
    MISMATCH(false),
    /** A step ran past its time limit and was stopped. */
    TIMED_OUT(true),
    /** The engine's programs (ffmpeg, ffprobe) are not there or cannot run. */
    ENGINE_MISSING(true),
    /** The engine failed for another reason; its own words are in the message. */
    FAILED(true);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Reason reason;

  public MediaProcessingException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public MediaProcessingException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
