package io.chatvideo.recording.http.objects;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A raw query string decoded to names and values. A name given twice, malformed percent-encoding
 * and control characters in a value are refused: each could make the signed text ambiguous.
 */
final class QueryString {

  static final int MAX_LENGTH = 8192;

  private QueryString() {}

  /** The parameters; an {@link IllegalArgumentException} saying why when the query is refused. */
  static Map<String, String> parse(String raw) {
    Map<String, String> parameters = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return parameters;
    }
    if (raw.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("the query string is longer than " + MAX_LENGTH + " characters");
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (value.chars().anyMatch(Character::isISOControl) || name.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("the query string contains control characters");
      }
      if (parameters.put(name, value) != null) {
        throw new IllegalArgumentException("the query parameter '" + name + "' is given twice");
      }
    }
    return parameters;
  }
}
