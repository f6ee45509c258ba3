package io.chatvideo.recording.local;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ObjectEndpoint} answers: a status, headers with their usual capitalization, a body
 * to stream for a GET, and for a refusal a one-line {@code error} message meant for the client.
 */
public record EndpointResponse(int status, Map<String, String> headers, Optional<Body> body, Optional<String> error) {

  public EndpointResponse {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(error, "error");
  }

  static EndpointResponse of(int status, Map<String, String> headers, Optional<Body> body) {
    return new EndpointResponse(status, headers, body, Optional.empty());
  }

  static EndpointResponse refused(int status, String message) {
    return refused(status, message, Map.of());
  }

  static EndpointResponse refused(int status, String message, Map<String, String> headers) {
    return new EndpointResponse(status, headers, Optional.empty(), Optional.of(message));
  }
}
