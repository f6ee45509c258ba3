package io.chatvideo.recording.local.files;

import java.util.Objects;

/**
 * A request with a valid capability that the store still does not serve, and why. The message
 * says it in one line for the client and names no server path.
 */
public final class ObjectRefusedException extends RuntimeException {

  /** The closed set of reasons, which the HTTP adapter maps to status codes in one place. */
  public enum Reason {
    /** Nothing is stored under the key, or the path names no object key. */
    NO_SUCH_OBJECT,
    /** The multipart upload of a part was completed or aborted. */
    NO_SUCH_UPLOAD,
    /**
     * The upload URL was used already, or its recording is no longer waiting for an upload
     * (completed, aborted, deleted): upload URLs are single-use.
     */
    UPLOAD_CLOSED,
    /** The body was longer or shorter than signed or declared, or it did not arrive in full; nothing was stored. */
    BAD_BODY
  }

  private final Reason reason;

  ObjectRefusedException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
