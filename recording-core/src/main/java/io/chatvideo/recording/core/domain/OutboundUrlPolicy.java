package io.chatvideo.recording.core.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * Which URLs the system may send to when they come from outside (a webhook endpoint, a
 * transcription server): https only; plain http only to a loopback host, and only when {@code
 * allowLoopback} (tests, a server on this machine); no user info, no fragment. This is the check of
 * the URL as written; the HTTP client checks the address it actually connects to as well.
 *
 * <pre>{@code
 * new OutboundUrlPolicy("url", "a webhook URL", "recording.webhook.allow-loopback", false)
 *     .check("http://127.0.0.1:9000/hook"); // InvalidInputException on url: needs ...allow-loopback=true
 * }</pre>
 *
 * @param field the field an {@link InvalidInputException} names
 * @param what what the URL is, as a message starts: {@code a webhook URL}
 * @param loopbackSetting the setting that allows plain http to loopback, named in the refusal
 */
public record OutboundUrlPolicy(String field, String what, String loopbackSetting, boolean allowLoopback) {

  public OutboundUrlPolicy {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(loopbackSetting, "loopbackSetting");
  }

  /** The URL; an {@link InvalidInputException} on {@link #field()} naming the problem. */
  public HttpUrl check(String text) {
    HttpUrl url;
    try {
      url = HttpUrl.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(field, e.getMessage());
    }
    if (url.uri().getRawUserInfo() != null || url.uri().getRawFragment() != null) {
      throw new InvalidInputException(field, what + " has no user info or fragment: " + text);
    }
    if (!url.isHttps()) {
      if (!isLoopbackName(url.uri().getHost())) {
        throw new InvalidInputException(field, what + " is https: " + text);
      }
      if (!allowLoopback) {
        throw new InvalidInputException(field, "plain http to loopback needs " + loopbackSetting + "=true: " + text);
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
