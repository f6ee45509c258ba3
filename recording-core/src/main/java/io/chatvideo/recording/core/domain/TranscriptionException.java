package io.chatvideo.recording.core.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A transcription engine could not turn a party's audio into text. The {@link #getMessage()
 * message} may be shown to a person (a transcript's failure reason): short, without the engine's
 * address, key or output; {@link #detail()} keeps those for the server's log only.
 */
public final class TranscriptionException extends RuntimeException {

  /** Why the engine stopped; {@link #retryable()} says whether trying again later may help. */
  public enum Reason {
    /** The engine cannot be reached or run (a server that refuses, a missing program or model). */
    ENGINE_DOWN(true),
    /** The engine took longer than its time limit and was stopped. */
    TIMED_OUT(true),
    /** The engine has no model for the recording's language. */
    LANGUAGE_UNSUPPORTED(false),
    /** The engine answered with more than an answer may hold. */
    ANSWER_TOO_LARGE(false),
    /** The engine answered with something that is not a transcript. */
    BAD_ANSWER(true),
    /**
     * The engine refused the request itself: its key (HTTP 401/403), its model or its address; a
     * retry asks the same and is refused the same until an operator changes a setting.
     */
    ENGINE_REFUSED(false);

    private final boolean retryable;

    Reason(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }

    /** The reason on the wire and in stores: {@code engine_down}, {@code language_unsupported}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;
  private final String detail;

  public TranscriptionException(Reason reason, String message) {
    this(reason, message, null, null);
  }

  /** {@code message} for people, {@code detail} (the engine's output, its address) for the log only. */
  public TranscriptionException(Reason reason, String message, String detail, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.detail = detail;
  }

  public Reason reason() {
    return reason;
  }

  /** What the engine said, for the log: never shown to a user. */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }
}
