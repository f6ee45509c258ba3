package io.chatvideo.recording.core.domain;

/**
 * No live share link for this token or id: unknown, tampered, revoked, or its recording deleted or
 * expired (never told apart, so a guess learns nothing).
 */
public final class ShareNotFoundException extends RecordingException {

  public ShareNotFoundException(String message) {
    super(message);
  }
}
