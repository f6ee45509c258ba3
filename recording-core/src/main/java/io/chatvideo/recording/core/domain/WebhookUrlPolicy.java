package io.chatvideo.recording.core.domain;

import java.util.Locale;

/**
 * Which endpoint URLs are accepted: https only; plain http only to a loopback host, and only when
 * {@code allowLoopback} (tests, local development). The sender checks the address it actually
 * connects to as well; this is the check of the URL as written, at registration and start-up.
 */
public record WebhookUrlPolicy(boolean allowLoopback) {

  /** The URL of an endpoint; an {@link InvalidInputException} on {@code url} naming the problem. */
  public HttpUrl check(String text) {
    HttpUrl url;
    try {
      url = HttpUrl.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("url", e.getMessage());
    }
    if (url.uri().getRawUserInfo() != null || url.uri().getRawFragment() != null) {
      throw new InvalidInputException("url", "a webhook URL has no user info or fragment: " + text);
    }
    if (!url.isHttps()) {
      if (!isLoopbackName(url.uri().getHost())) {
        throw new InvalidInputException("url", "a webhook URL is https: " + text);
      }
      if (!allowLoopback) {
        throw new InvalidInputException("url", "plain http to loopback needs recording.webhook.allow-loopback=true: "
            + text);
      }
    }
    return url;
  }

  /** {@code localhost}, {@code 127.0.0.0/8} or {@code ::1} as written; never looked up. */
  static boolean isLoopbackName(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("[::1]") || h.equals("::1");
  }
}
