package io.chatvideo.recording.core.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A media file could not be processed. The {@link #getMessage() message} is what a person may read
 * (a recording's {@code processing_error}, the owner's email): short, with no server path and none
 * of the engine's own output; {@link #detail()} holds that output (ffmpeg's stderr, the files it
 * ran on) for the server's log. The original is never touched by a processing step, so it stays
 * downloadable whatever the reason.
 */
public final class MediaProcessingException extends RuntimeException {

  /** Why processing stopped; {@link #retryable()} says whether trying again may help. */
  public enum Reason {
    /** The file is not media of its declared type (a text file, a playlist, another container). */
    NOT_MEDIA(false),
    /** The file is media of its declared container, but its codecs or streams are not what its type allows. */
    UNSUPPORTED(false),
    /** The file is media, but holds nothing that plays (no stream, or zero duration). */
    EMPTY(false),
    /** The file's packets run longer than the longest recording processed. */
    TOO_LONG(false),
    /** A step's output did not probe equal to its input (duration or streams differ). */
    MISMATCH(false),
    /** A step ran past its time limit and was stopped. */
    TIMED_OUT(true),
    /** The engine's programs (ffmpeg, ffprobe) are not there or cannot run. */
    ENGINE_MISSING(true),
    /** The engine failed for another reason; its own words are in the {@link #detail()}. */
    FAILED(true);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }

    /** The reason as a recording's {@code processing_error} starts with it: {@code not_media}, {@code too_long}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;
  private final String detail;

  public MediaProcessingException(Reason reason, String message) {
    this(reason, message, (String) null);
  }

  public MediaProcessingException(Reason reason, String message, Throwable cause) {
    this(reason, message, null, cause);
  }

  /** {@code message} for people, {@code detail} (the engine's output, paths) for the log only. */
  public MediaProcessingException(Reason reason, String message, String detail) {
    this(reason, message, detail, null);
  }

  public MediaProcessingException(Reason reason, String message, String detail, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = detail;
  }

  public Reason reason() {
    return reason;
  }

  /** What the engine said and ran on, for the log: never shown to a user. */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }
}
