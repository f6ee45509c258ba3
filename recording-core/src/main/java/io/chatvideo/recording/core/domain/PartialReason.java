package io.chatvideo.recording.core.domain;

import java.util.Locale;

/**
 * Why a completed recording holds less than the whole call. {@code CLIENT_GONE}: the browser
 * never completed its upload, and when the upload window closed the sweep completed it with the
 * bytes the server had (the start of the call, up to the last part that arrived).
 */
public enum PartialReason {
  CLIENT_GONE;

  /** The name on the wire and in stores: {@code client_gone}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The reason named {@code text} as {@link #wireName()} writes it. */
  public static PartialReason fromWireName(String text) {
    for (PartialReason reason : values()) {
      if (reason.wireName().equals(text)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("not a partial reason: " + text);
  }
}
