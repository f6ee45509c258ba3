package io.chatvideo.recording.cli.client;

import io.chatvideo.recording.cli.terminal.CliException;
import java.util.OptionalInt;

/**
 * A request that failed, with the HTTP status it got, or none when no answer came (refused,
 * timed out, cut off). The status is what a transfer's retry policy decides on.
 */
public final class RequestFailure extends CliException {

  private final OptionalInt status;

  public RequestFailure(int status, String message) {
    super(message);
    this.status = OptionalInt.of(status);
  }

  private RequestFailure(String message, Throwable cause) {
    super(message, cause);
    this.status = OptionalInt.empty();
  }

  /** No answer at all, e.g. a refused connection or a body that broke off. */
  public static RequestFailure noAnswer(String message, Throwable cause) {
    return new RequestFailure(message, cause);
  }

  public OptionalInt status() {
    return status;
  }
}
