package io.chatvideo.recording.core.domain;

/**
 * An outcome a caller can act on. Adapters map each subtype once: HTTP status, CLI exit code.
 * Anything else thrown from the core is a bug.
 */
public abstract sealed class RecordingException extends RuntimeException
    permits RecordingNotFoundException,
        InvalidInputException,
        ConflictException,
        ForbiddenException,
        LimitExceededException,
        StorageUnavailableException,
        ShareNotFoundException,
        ShareExpiredException,
        PasscodeRefusedException {

  protected RecordingException(String message) {
    super(message);
  }

  protected RecordingException(String message, Throwable cause) {
    super(message, cause);
  }
}
