package io.chatvideo.recording.http.web;

import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.config.ServerSettings;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Headers that keep the served pages and the API's answers from being framed, sniffed, or leaking
 * their URLs: a Content-Security-Policy that lets the demo page load only its own scripts and
 * styles and talk only to this server and, with the aws backend, to the bucket its presigned URLs
 * point at; {@code Referrer-Policy: no-referrer}, so a capability URL in the address bar is never
 * sent to another site; {@code nosniff}; no framing.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders implements Ordered {

  static final String REFERRER_POLICY = "no-referrer";

  private final String pagePolicy;

  SecurityHeaders(ServerSettings settings) {
    Set<String> connect = new LinkedHashSet<>();
    connect.add("'self'");
    settings.recording().publicBase().map(SecurityHeaders::origin).ifPresent(connect::add);
    if (settings.recording().backend() == BackendKind.AWS) {
      connect.add(settings.s3Endpoint().map(SecurityHeaders::origin).orElse("https://*.amazonaws.com"));
    }
    // blob: workers and media: worker-timers runs its clock in a Worker made from a Blob, and a
    // recording is previewed from a Blob URL; mediastream: is the camera in a <video>. Thumbnails
    // are presigned like downloads, so images may come from wherever connect-src may go, and so may
    // the media the library page plays inline.
    this.pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + String.join(" ", connect) + " data: blob:; "
        + "media-src " + String.join(" ", connect) + " blob: mediastream:; worker-src 'self' blob:; connect-src " + String.join(" ", connect)
        + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.after();
  }

  @ResponseFilter
  void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
    // A static file's type is set after the filters run, so only JSON answers are told apart.
    boolean json = response.getContentType().map(type -> type.getSubtype().endsWith("json")).orElse(false);
    if (!response.getHeaders().contains("Content-Security-Policy")) { // a watch page sets its own, stricter one
      response.header("Content-Security-Policy", json ? "default-src 'none'; frame-ancestors 'none'" : pagePolicy);
    }
    if (!response.getHeaders().contains("Referrer-Policy")) { // a watch page's passcode form sets its own
      response.header("Referrer-Policy", REFERRER_POLICY);
    }
    response.header("X-Content-Type-Options", "nosniff");
    response.header("X-Frame-Options", "DENY");
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
