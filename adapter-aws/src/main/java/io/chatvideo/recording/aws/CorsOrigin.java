package io.chatvideo.recording.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A web origin the bucket's CORS rule lets PUT and GET, as browsers send it in {@code Origin}:
 * {@code scheme://host[:port]}, http or https, no path, query, user or wildcard. For example
 * {@code CorsOrigin.of("https://app.example.com")}.
 */
public record CorsOrigin(String value) {

  public CorsOrigin {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a CORS origin must not be blank");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("CORS origin '" + value + "' is not a URL like https://app.example.com");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
        && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare || value.contains("*")) {
      throw new IllegalArgumentException("CORS origin '" + value
          + "' must be a web origin like https://app.example.com (scheme, host and port only, no wildcard)");
    }
  }

  /** The origin in {@code text}; an {@link IllegalArgumentException} says which rule it breaks. */
  public static CorsOrigin of(String text) {
    return new CorsOrigin(text);
  }

  @Override
  public String toString() {
    return value;
  }
}
