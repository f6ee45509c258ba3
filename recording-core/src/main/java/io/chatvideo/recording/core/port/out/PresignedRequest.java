package io.chatvideo.recording.core.port.out;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request anyone holding it may make until {@code expiresAt}: the {@code method}, the {@code
 * url} (absolute, or relative to the API's own origin for the embedded backend), and the headers
 * the signature covers, which the client must send exactly.
 */
public record PresignedRequest(String method, URI url, Map<String, String> headers, Instant expiresAt) {

  public PresignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
