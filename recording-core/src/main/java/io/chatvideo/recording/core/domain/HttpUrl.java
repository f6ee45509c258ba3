package io.chatvideo.recording.core.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * An absolute http or https URL with a host, the one rule for every URL the system is given: the
 * server's settings (public URL, JWKS URL), the AWS endpoints, CORS origins and the CLI's API URL.
 * The scheme is kept in lower case ({@code HTTPS://x} is {@code https://x}), so that callers
 * comparing schemes need not think of case. It lives in the core because the core is the one
 * module every adapter depends on, and it needs nothing but {@link URI}.
 *
 * <p>{@code HttpUrl.parse("https://app.example.com").isOriginOnly()} is true; {@code
 * HttpUrl.parse("ftp://x")} is an {@link IllegalArgumentException} saying why, which callers wrap
 * in a message naming their setting.
 */
public record HttpUrl(URI uri) {

  public HttpUrl {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("'" + uri + "' is not an http or https URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("'" + uri + "' has no host");
    }
    if (!uri.getScheme().equals(scheme)) {
      uri = URI.create(scheme + uri.toString().substring(scheme.length()));
    }
  }

  /** Parses text as it is; an {@link IllegalArgumentException} says what is wrong (its cause a syntax error, if that). */
  public static HttpUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a URL is required");
    }
    try {
      return new HttpUrl(new URI(text));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getReason(), e);
    }
  }

  /**
   * The base URL a deployment is reached at ({@code recording.public-url}), checked the one way
   * the server and the mail settings both need: absolute http(s), no user info, query or fragment.
   * An {@link IllegalArgumentException} says which rule {@code text} broke.
   */
  public static HttpUrl publicBase(String text) {
    HttpUrl url;
    try {
      url = parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("must be an absolute http or https URL like https://recordings.example.com, "
          + "was " + text, e);
    }
    if (url.hasUserInfoQueryOrFragment()) {
      throw new IllegalArgumentException("must not carry user info, a query or a fragment, was " + text);
    }
    return url;
  }

  public boolean isHttps() {
    return uri.getScheme().equals("https");
  }

  /** Whether it carries user info, a query or a fragment, which no base URL or endpoint needs. */
  public boolean hasUserInfoQueryOrFragment() {
    return uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null;
  }

  /** Whether it is a bare web origin, {@code scheme://host[:port]}: no path (not even /), query, fragment or user. */
  public boolean isOriginOnly() {
    return (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && !hasUserInfoQueryOrFragment();
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
