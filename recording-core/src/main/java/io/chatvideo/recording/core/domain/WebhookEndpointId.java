package io.chatvideo.recording.core.domain;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** A registered webhook endpoint ({@code ep_} and 32 hex digits), or {@link #CONFIGURED}, the one from the settings. */
public record WebhookEndpointId(String value) {

  private static final Pattern FORM = Pattern.compile("ep_([0-9a-f]{32}|configured)");

  /** The endpoint of {@code recording.webhook.url}. */
  public static final WebhookEndpointId CONFIGURED = new WebhookEndpointId("ep_configured");

  public WebhookEndpointId {
    Objects.requireNonNull(value, "value");
    if (!FORM.matcher(value).matches()) {
      throw new InvalidInputException("endpoint_id", "is ep_ and 32 hex digits, not '" + value + "'");
    }
  }

  public static WebhookEndpointId random() {
    return new WebhookEndpointId("ep_" + UUID.randomUUID().toString().replace("-", ""));
  }

  @Override
  public String toString() {
    return value;
  }
}
