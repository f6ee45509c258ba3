package io.chatvideo.recording.cli.client;

import io.chatvideo.recording.core.domain.HttpUrl;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/** The recordings API's base URL: an absolute http(s) URL with a host, its scheme in lower case. */
public record ApiUrl(URI uri) {

  public ApiUrl {
    try {
      uri = new HttpUrl(uri).uri();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an http(s) URL with a host: " + uri, e);
    }
  }

  /** Parses what a user typed; {@code source} names where it came from, for the message. */
  public static ApiUrl parse(String text, String source) {
    try {
      return new ApiUrl(new URI(text.strip()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " must be an http(s) URL like http://127.0.0.1:8080, was '" + text
          + "'", e);
    }
  }

  /**
   * Whether a token sent here crosses a network in clear text: plain http to anything but this
   * machine. Loopback is judged from the URL alone (a name other than localhost is not resolved),
   * so a name that happens to point at 127.0.0.1 still counts as off loopback.
   */
  public boolean plainHttpOffLoopback() {
    return uri.getScheme().equals("http") && !loopback(uri.getHost());
  }

  private static boolean loopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return true;
    }
    return literalAddress(name).map(InetAddress::isLoopbackAddress).orElse(false);
  }

  /** An IP literal as an address; a name is never looked up. */
  private static Optional<InetAddress> literalAddress(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean literal = bare.contains(":") || bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    if (!literal) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(bare));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
