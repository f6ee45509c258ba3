package io.chatvideo.recording.core.domain;

import java.util.Objects;

/** A value from the caller is not acceptable; {@link #field()} names it as the HTTP API does. */
public final class InvalidInputException extends RecordingException {

  private final String field;
  private final String reason;

  public InvalidInputException(String field, String reason) {
    super(field + ": " + reason);
    this.field = Objects.requireNonNull(field);
    this.reason = Objects.requireNonNull(reason);
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
