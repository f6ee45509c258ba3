package io.chatvideo.recording.webhook;

import io.chatvideo.recording.core.domain.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks {@code webhook-signature} header: {@code v1,} and the base64 HMAC-SHA256
 * of {@code id.timestamp.body}, once per secret, space-separated (several during a rotation).
 */
final class Signature {

  private Signature() {}

  static String header(List<WebhookSecret> secrets, String id, long timestamp, String body) {
    byte[] content = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
    return secrets.stream().map(secret -> "v1," + Base64.getEncoder().encodeToString(hmac(secret.key(), content)))
        .collect(Collectors.joining(" "));
  }

  private static byte[] hmac(byte[] key, byte[] content) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }
}
