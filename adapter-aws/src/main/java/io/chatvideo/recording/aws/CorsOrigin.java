package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.HttpUrl;
import java.net.URISyntaxException;

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
    boolean origin;
    try {
      origin = HttpUrl.parse(value).isOriginOnly();
    } catch (IllegalArgumentException e) {
      if (e.getCause() instanceof URISyntaxException) {
        throw new IllegalArgumentException("CORS origin '" + value + "' is not a URL like https://app.example.com");
      }
      origin = false;
    }
    if (!origin || value.contains("*")) {
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
