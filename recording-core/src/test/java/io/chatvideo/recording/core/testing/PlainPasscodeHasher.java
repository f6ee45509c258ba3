package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.port.out.PasscodeHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** A passcode "hash" that is readable, for unit tests that need to see what was stored; never for real use. */
public final class PlainPasscodeHasher implements PasscodeHasher {

  private static final String PREFIX = "plain:";

  @Override
  public String hash(String passcode) {
    return PREFIX + new StringBuilder(passcode).reverse();
  }

  @Override
  public boolean matches(String passcode, String encoded) {
    return MessageDigest.isEqual(hash(passcode).getBytes(StandardCharsets.UTF_8), encoded.getBytes(StandardCharsets.UTF_8));
  }
}
