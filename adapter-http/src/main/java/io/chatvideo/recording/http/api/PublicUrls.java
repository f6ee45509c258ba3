package io.chatvideo.recording.http.api;

import io.chatvideo.recording.http.config.ServerSettings;
import io.micronaut.context.BeanProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * Makes presigned URLs and links absolute. S3's already are; the local backend's and the share
 * links are relative to this server, resolved against {@code recording.public-url}, or else the
 * address the server is bound to (only ever loopback: {@code ServerSettings} refuses to start off
 * loopback without the setting). Never against a request's {@code Host} or {@code X-Forwarded-*}
 * headers, which whoever sends the request writes.
 */
@Singleton
public final class PublicUrls {

  private final ServerSettings settings;
  private final BeanProvider<EmbeddedServer> server;
  private volatile String base;

  PublicUrls(ServerSettings settings, BeanProvider<EmbeddedServer> server) {
    this.settings = settings;
    this.server = server;
  }

  public String absolute(URI url) {
    return url.isAbsolute() ? url.toString() : absolute(url.toString());
  }

  /** A URL as a signer wrote it, made absolute (the checks of {@link #absolute(URI)} without parsing the usual forms). */
  public String absolute(String url) {
    if (url.startsWith("https://") || url.startsWith("http://")) {
      return url;
    }
    if (url.startsWith("/") || !URI.create(url).isAbsolute()) {
      return base() + url;
    }
    return url;
  }

  /** Whether this server is reached over HTTPS, so its cookies can be {@code Secure}. */
  public boolean isHttps() {
    return base().startsWith("https:");
  }

  /**
   * Without a trailing slash. Worked out once: a listing makes every item's URLs absolute, and the
   * setting and the bound address do not change while the server runs. Not kept before the server
   * is bound (a bean asked early must not pin an address the server has not taken yet).
   */
  private String base() {
    String known = base;
    if (known == null) {
      known = stripTrailingSlash(settings.recording().publicBase().map(URI::toString).orElseGet(() -> server.find(null)
          .map(bound -> bound.getScheme() + "://" + authority(bound.getHost()) + ":" + bound.getPort())
          .orElseThrow(() -> new IllegalStateException("no recording.public-url and no bound server to name: a "
              + "function's start-up check requires the setting"))));
      if (settings.recording().publicBase().isPresent() || server.find(null).map(EmbeddedServer::isRunning).orElse(false)) {
        base = known;
      }
    }
    return known;
  }

  private static String authority(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String stripTrailingSlash(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
