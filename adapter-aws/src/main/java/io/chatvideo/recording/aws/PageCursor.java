package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A listing's position as DynamoDB knows it, an {@code ExclusiveStartKey}, carried by the caller
 * as base64url JSON of the key's string attributes. Coming back, it must have exactly the
 * attributes of the listing's key, each of the expected form, so a forged or foreign cursor is
 * refused instead of starting a query somewhere else.
 */
final class PageCursor {

  private static final int MAX_LENGTH = 2048;

  private PageCursor() {}

  static String encode(Map<String, AttributeValue> key) {
    String json = EnhancedDocument.fromAttributeValueMap(key).toJson();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The key in {@code cursor}, whose attributes must be exactly those of {@code expected}, each a
   * string that matches its pattern.
   */
  static Map<String, AttributeValue> decode(String cursor, Map<String, Pattern> expected) {
    if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
      throw invalid();
    }
    Map<String, AttributeValue> key;
    try {
      String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      key = EnhancedDocument.fromJson(json).toMap();
    } catch (RuntimeException e) {
      throw invalid();
    }
    if (!key.keySet().equals(expected.keySet())) {
      throw invalid();
    }
    for (Map.Entry<String, Pattern> attribute : expected.entrySet()) {
      String value = key.get(attribute.getKey()).s();
      if (value == null || !attribute.getValue().matcher(value).matches()) {
        throw invalid();
      }
    }
    return Map.copyOf(key);
  }

  static InvalidInputException invalid() {
    return new InvalidInputException("next_token", "is not a page token of this listing");
  }
}
