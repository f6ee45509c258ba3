package io.chatvideo.recording.core.port.out;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A request anyone holding it may make until {@code expiresAt}: the {@code method}, the {@code
 * url} (absolute, or relative to the API's own origin for the embedded backend), and the headers
 * the signature covers, which the client must send exactly.
 *
 * <p>The URL is kept as the text its signer wrote, not as a {@link URI}: a listing signs one or
 * more URLs per recording and writes them straight into JSON, and parsing each into a {@code URI}
 * only to print it again was the largest single cost of a listed item. The signers are ours, so
 * the text is trusted; {@link #uri()} parses it for the few callers that take it apart.
 */
public record PresignedRequest(String method, String url, Map<String, String> headers, Instant expiresAt) {

  public PresignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    if (url.isEmpty() || url.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("a presigned URL is a URI reference without spaces, got '" + url + "'");
    }
    headers = Map.copyOf(headers);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** The URL parsed, for callers that read its parts or fetch it. */
  public URI uri() {
    return URI.create(url);
  }
}
