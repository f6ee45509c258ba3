package io.chatvideo.recording.cli;

/** A failure the user can act on: its message is all they see, unless they ask for --verbose. */
final class CliException extends RuntimeException {

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
