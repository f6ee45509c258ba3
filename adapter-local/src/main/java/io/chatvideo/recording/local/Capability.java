package io.chatvideo.recording.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a capability URL allows: one method on one object key until {@code expiresEpochSecond},
 * with the content type, the length bound, the multipart upload and part, and the download file
 * name it was signed for. Absent fields are empty strings. Everything but the method and the key
 * travels in the query string; the signature covers all of it.
 *
 * @param length {@code "=n"} for exactly n bytes, {@code "<=n"} for at most n, empty for a GET
 */
record Capability(String method, String key, long expiresEpochSecond, String contentType, String length,
    String uploadId, String partNumber, String filename) {

  static final String EXPIRES = "expires";
  static final String TYPE = "type";
  static final String LENGTH = "length";
  static final String MAX_LENGTH = "max_length";
  static final String UPLOAD_ID = "upload_id";
  static final String PART_NUMBER = "part_number";
  static final String FILENAME = "filename";
  static final String SIGNATURE = "signature";

  private static final String VERSION = "chatvideo-local-v1";

  /**
   * The signed text: one {@code name=value} line per field. Values never contain a line break
   * (the endpoint refuses control characters before checking), so no two capabilities share it.
   */
  String canonical() {
    return VERSION + "\nmethod=" + method + "\nkey=" + key + "\nexpires=" + expiresEpochSecond + "\ntype="
        + contentType + "\nlength=" + length + "\nupload_id=" + uploadId + "\npart_number=" + partNumber
        + "\nfilename=" + filename + "\n";
  }

  /** The query parameters that carry this capability, signature last. */
  Map<String, String> queryParameters(String signature) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put(EXPIRES, Long.toString(expiresEpochSecond));
    put(query, TYPE, contentType);
    if (length.startsWith("=")) {
      query.put(LENGTH, length.substring(1));
    } else if (length.startsWith("<=")) {
      query.put(MAX_LENGTH, length.substring(2));
    }
    put(query, UPLOAD_ID, uploadId);
    put(query, PART_NUMBER, partNumber);
    put(query, FILENAME, filename);
    query.put(SIGNATURE, signature);
    return query;
  }

  /** {@code /objects/{key}?...}, relative: the HTTP adapter knows its own origin. */
  String relativeUrl(String signature) {
    StringBuilder url = new StringBuilder(ObjectEndpoint.PATH_PREFIX).append(key).append('?');
    queryParameters(signature).forEach((name, value) -> url.append(name).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
    url.setLength(url.length() - 1);
    return url.toString();
  }

  /**
   * Reads the capability a request claims from its query; the method and key are the request's own.
   * Empty when the expiry or signature is missing or malformed, or both length forms are given.
   */
  static Optional<Capability> fromQuery(String method, String key, Map<String, String> query) {
    String expires = query.get(EXPIRES);
    if (expires == null || !expires.matches("\\d{1,12}") || !query.containsKey(SIGNATURE)) {
      return Optional.empty();
    }
    String exact = query.get(LENGTH);
    String max = query.get(MAX_LENGTH);
    if (exact != null && max != null) {
      return Optional.empty();
    }
    String length = exact != null ? "=" + exact : max != null ? "<=" + max : "";
    return Optional.of(new Capability(method, key, Long.parseLong(expires), query.getOrDefault(TYPE, ""), length,
        query.getOrDefault(UPLOAD_ID, ""), query.getOrDefault(PART_NUMBER, ""), query.getOrDefault(FILENAME, "")));
  }

  private static void put(Map<String, String> query, String name, String value) {
    if (!value.isEmpty()) {
      query.put(name, value);
    }
  }
}
