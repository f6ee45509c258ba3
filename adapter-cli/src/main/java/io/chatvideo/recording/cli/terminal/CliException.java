package io.chatvideo.recording.cli.terminal;

/** A failure the user can act on: its message is all they see, unless they ask for --verbose. */
public class CliException extends RuntimeException {

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
