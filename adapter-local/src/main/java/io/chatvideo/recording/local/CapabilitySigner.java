package io.chatvideo.recording.local;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of a capability's canonical text under the data directory's signing key. */
final class CapabilitySigner {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  CapabilitySigner(byte[] secret) {
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** The signature as unpadded base64url, ready for a query string. */
  String sign(Capability capability) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(capability));
  }

  /** Whether {@code signature} is this key's signature of {@code capability}, compared in constant time. */
  boolean verify(Capability capability, String signature) {
    byte[] presented;
    try {
      presented = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(capability), presented);
  }

  private byte[] mac(Capability capability) {
    try {
      // A Mac is not thread-safe and cheap to make; one per signature keeps this class shareable.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(capability.canonical().getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
