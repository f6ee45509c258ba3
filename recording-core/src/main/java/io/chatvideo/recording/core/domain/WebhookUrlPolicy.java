package io.chatvideo.recording.core.domain;

/**
 * Which endpoint URLs are accepted: the {@link OutboundUrlPolicy} (https only; plain http only to a
 * loopback host, and only when {@code allowLoopback}: tests, local development). The sender checks
 * the address it actually connects to as well; this is the check of the URL as written, at
 * registration and start-up.
 */
public record WebhookUrlPolicy(boolean allowLoopback) {

  /** The URL of an endpoint; an {@link InvalidInputException} on {@code url} naming the problem. */
  public HttpUrl check(String text) {
    return new OutboundUrlPolicy("url", "a webhook URL", "recording.webhook.allow-loopback", allowLoopback).check(text);
  }
}
