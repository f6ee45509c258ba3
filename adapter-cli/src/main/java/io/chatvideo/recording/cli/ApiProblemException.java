package io.chatvideo.recording.cli;

/** The API answered with an error status; the message is its problem+json detail where it sent one. */
final class ApiProblemException extends CliException {

  private final int status;

  ApiProblemException(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
