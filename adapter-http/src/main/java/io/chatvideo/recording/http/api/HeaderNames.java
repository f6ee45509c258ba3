package io.chatvideo.recording.http.api;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One spelling of header names in {@code upload_headers} whatever the backend (S3 signs them in
 * lower case, the local backend capitalized): {@code Content-Type}, {@code X-Amz-Meta-Room}.
 * HTTP compares them without case, so clients may read them the same way for every backend.
 */
final class HeaderNames {

  private HeaderNames() {}

  static Map<String, String> canonical(Map<String, String> headers) {
    Map<String, String> canonical = new TreeMap<>();
    headers.forEach((name, value) -> canonical.put(canonical(name), value));
    return canonical;
  }

  static String canonical(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean startOfWord = true;
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append(startOfWord ? Character.toUpperCase(c) : c);
      startOfWord = c == '-';
    }
    return out.toString();
  }
}
