package io.chatvideo.recording.local.capability;

/**
 * A request does not carry the capability it needs: no valid signature, expired, another method,
 * key, content type or length than signed. The message says which, in one line for the client.
 */
public final class CapabilityRefusedException extends RuntimeException {

  public CapabilityRefusedException(String message) {
    super(message, null, false, false);
  }
}
