package io.chatvideo.recording.core.port.out;

/**
 * A password hash for share passcodes (the server uses bcrypt). Slow on purpose; {@link #matches}
 * compares in constant time.
 */
public interface PasscodeHasher {

  /** A self-describing encoding (algorithm, cost, salt and hash) of {@code passcode}. */
  String hash(String passcode);

  /** Whether {@code passcode} is the one {@code encoded} was made from; false for a malformed encoding. */
  boolean matches(String passcode, String encoded);
}
