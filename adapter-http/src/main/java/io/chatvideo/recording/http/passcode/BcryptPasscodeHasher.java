package io.chatvideo.recording.http.passcode;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.chatvideo.recording.core.port.out.PasscodeHasher;
import java.nio.charset.StandardCharsets;

/**
 * Share passcodes hashed with bcrypt (at.favre.lib:bcrypt: maintained, no dependencies beyond its
 * own byte utilities, verifies in constant time). Cost 10: about 50–100 ms a check here, which
 * together with the per-link and per-address guess limits makes guessing a short passcode slow.
 */
public final class BcryptPasscodeHasher implements PasscodeHasher {

  static final int COST = 10;

  @Override
  public String hash(String passcode) {
    return BCrypt.withDefaults().hashToString(COST, passcode.toCharArray());
  }

  @Override
  public boolean matches(String passcode, String encoded) {
    return BCrypt.verifyer().verify(passcode.getBytes(StandardCharsets.UTF_8),
        encoded.getBytes(StandardCharsets.UTF_8)).verified;
  }
}
