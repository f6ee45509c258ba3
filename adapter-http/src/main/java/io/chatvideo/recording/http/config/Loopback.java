package io.chatvideo.recording.http.config;

import java.util.Locale;
import java.util.Set;

/**
 * Names of this machine's loopback interface, as written in a bind address, a URL or a {@code
 * Host} header. Only names, never a DNS lookup: a name that resolves to loopback today may not
 * tomorrow.
 */
public final class Loopback {

  private static final Set<String> NAMES = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  private Loopback() {}

  /** {@code localhost}, {@code 127.x.y.z}, {@code ::1} (bracketed or not) or {@code *.localhost}. */
  public static boolean isLoopbackHost(String host) {
    if (host == null) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return NAMES.contains(name) || name.endsWith(".localhost") || name.matches("127(\\.\\d{1,3}){3}");
  }

  /** The host of a {@code Host} header value, without its port: {@code 127.0.0.1:8080}, {@code [::1]:8080}. */
  public static boolean isLoopbackHostHeader(String header) {
    if (header == null) {
      return false;
    }
    String value = header.strip();
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end > 0 && (end == value.length() - 1 || value.charAt(end + 1) == ':')
          && isLoopbackHost(value.substring(0, end + 1));
    }
    int colon = value.indexOf(':');
    return isLoopbackHost(colon < 0 ? value : value.substring(0, colon));
  }
}
