package io.chatvideo.recording.core.domain;

/**
 * The link has a passcode and the request carried none ({@link #given()} false: show the form) or
 * a wrong one.
 */
public final class PasscodeRefusedException extends RecordingException {

  private final boolean given;

  public PasscodeRefusedException(boolean given) {
    super(given ? "the passcode is wrong" : "this link needs its passcode");
    this.given = given;
  }

  public boolean given() {
    return given;
  }
}
