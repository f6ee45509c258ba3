package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A listing's position as DynamoDB knows it, an {@code ExclusiveStartKey}, carried by the caller
 * sealed: AES-GCM over the JSON of the key, with the listing (index, partition, viewer) as
 * associated data. The caller can neither read the key (when a page ran out of its query budget
 * it is the last item DynamoDB evaluated, which may be a recording the caller may not see) nor
 * change it, nor use it in another listing: each of those is an {@link InvalidInputException} on
 * {@code next_token}.
 */
final class PageCursor {

  private static final int MAX_LENGTH = 2048;
  private static final byte VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final Supplier<SecretKey> key;
  private final SecureRandom random;

  PageCursor(Supplier<SecretKey> key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  String seal(Map<String, AttributeValue> position, String listing) {
    byte[] json = EnhancedDocument.fromAttributeValueMap(position).toJson().getBytes(StandardCharsets.UTF_8);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed;
    try {
      sealed = crypt(Cipher.ENCRYPT_MODE, nonce, listing, json);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("encrypting checks no tag", e);
    }
    ByteBuffer token = ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
  }

  /**
   * The key sealed in {@code cursor} for {@code listing}; its attributes must be exactly those of
   * {@code expected}, each a string that matches its pattern.
   */
  Map<String, AttributeValue> open(String cursor, String listing, Map<String, Pattern> expected) {
    if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    Map<String, AttributeValue> position;
    try {
      byte[] token = Base64.getUrlDecoder().decode(cursor);
      if (token.length <= 1 + NONCE_BYTES || token[0] != VERSION) {
        throw invalid();
      }
      byte[] nonce = Arrays.copyOfRange(token, 1, 1 + NONCE_BYTES);
      byte[] json = crypt(Cipher.DECRYPT_MODE, nonce, listing, Arrays.copyOfRange(token, 1 + NONCE_BYTES, token.length));
      position = EnhancedDocument.fromJson(new String(json, StandardCharsets.UTF_8)).toMap();
    } catch (IllegalArgumentException | AEADBadTagException e) {
      throw invalid();
    }
    if (!position.keySet().equals(expected.keySet())) {
      throw invalid();
    }
    for (Map.Entry<String, Pattern> attribute : expected.entrySet()) {
      String value = position.get(attribute.getKey()).s();
      if (value == null || !attribute.getValue().matcher(value).matches()) {
        throw invalid();
      }
    }
    return Map.copyOf(position);
  }

  /** AES-GCM; a token altered in any bit, sealed by another key or for another listing fails its tag. */
  private byte[] crypt(int mode, byte[] nonce, String listing, byte[] input) throws AEADBadTagException {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key.get(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(listing.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM", e);
    }
  }

  static InvalidInputException invalid() {
    return new InvalidInputException("next_token", "is not a page token of this listing");
  }
}
