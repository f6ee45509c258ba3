package io.chatvideo.recording.http.api;

import io.chatvideo.recording.http.config.ServerSettings;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * Makes presigned URLs absolute. S3's already are; the local backend's are relative to this
 * server, resolved against {@code recording.public-url} or else the origin the request came to.
 */
@Singleton
public final class PublicUrls {

  private final ServerSettings settings;
  private final HttpHostResolver hosts;

  PublicUrls(ServerSettings settings, HttpHostResolver hosts) {
    this.settings = settings;
    this.hosts = hosts;
  }

  public String absolute(URI url, HttpRequest<?> request) {
    if (url.isAbsolute()) {
      return url.toString();
    }
    String base = settings.recording().publicBase().map(URI::toString).orElseGet(() -> hosts.resolve(request));
    return stripTrailingSlash(base) + url;
  }

  private static String stripTrailingSlash(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
