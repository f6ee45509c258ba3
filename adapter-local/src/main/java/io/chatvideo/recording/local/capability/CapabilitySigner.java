package io.chatvideo.recording.local.capability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.chatvideo.recording.core.domain.ObjectKey;

/**
 * Signs capabilities with HMAC-SHA256 under the data directory's signing key, and checks the
 * capability a request claims: its signature, compared in constant time, and its expiry, read
 * from the injected clock.
 */
public final class CapabilitySigner {

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  private final Clock clock;

  public CapabilitySigner(byte[] secret, Clock clock) {
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    this.clock = clock;
  }

  /** The signature as unpadded base64url, ready for a query string. */
  public String sign(Capability capability) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(capability));
  }

  /**
   * The capability that {@code query} (decoded parameters) grants for {@code method} on {@code
   * key}; a {@link CapabilityRefusedException} saying why when it grants none.
   */
  public Capability verify(Capability.Method method, ObjectKey key, Map<String, String> query) {
    Optional<Capability> claimed = Capability.fromQuery(method, key, query);
    if (claimed.isEmpty()) {
      throw new CapabilityRefusedException("the URL carries no valid capability; use it exactly as it was handed out");
    }
    Capability capability = claimed.get();
    if (!signatureMatches(capability, query.get(Capability.SIGNATURE))) {
      throw new CapabilityRefusedException(
          "the signature does not match: the URL was altered or is used with another method than it was signed for");
    }
    if (!clock.instant().isBefore(capability.expiresAt())) {
      throw new CapabilityRefusedException("the URL expired at " + capability.expiresAt() + "; ask for a new one");
    }
    return capability;
  }

  /**
   * Compares the text as it was handed out, not its decoded bytes: the last of 43 base64
   * characters carries 2 bits that decoding drops, so 4 spellings decode alike, and a URL with
   * one changed character must not stay valid.
   */
  private boolean signatureMatches(Capability capability, String signature) {
    if (signature == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(capability).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
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
