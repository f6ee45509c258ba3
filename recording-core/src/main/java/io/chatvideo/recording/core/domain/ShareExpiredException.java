package io.chatvideo.recording.core.domain;

/** The link was real but its own expiry has passed; the holder of the token may be told so (HTTP 410). */
public final class ShareExpiredException extends RecordingException {

  public ShareExpiredException() {
    super("this share link has expired");
  }
}
