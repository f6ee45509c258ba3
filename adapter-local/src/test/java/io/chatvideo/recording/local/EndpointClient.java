package io.chatvideo.recording.local;

import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Plays the HTTP adapter: turns a presigned request into an {@link ObjectEndpoint#handle} call. */
final class EndpointClient {

  private final ObjectEndpoint endpoint;

  EndpointClient(ObjectEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  EndpointResponse send(PresignedRequest request, byte[] body) {
    return send(request.method(), request, Map.of(), body == null ? null : new ByteArrayInputStream(body));
  }

  /** Sends {@code request} with its signed headers plus {@code extraHeaders}, as {@code method}. */
  EndpointResponse send(String method, PresignedRequest request, Map<String, String> extraHeaders, InputStream body) {
    return sendRaw(method, request.url().getRawPath(), request.url().getRawQuery(), headers(request, extraHeaders),
        body);
  }

  EndpointResponse sendRaw(String method, String path, String query, Map<String, String> headers, InputStream body) {
    return endpoint.handle(method, path, query, headers, body);
  }

  static Map<String, String> headers(PresignedRequest request, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>();
    request.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    extra.forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    return headers;
  }

  /** The response body, read through {@link Body#writeTo}. */
  static byte[] bytes(EndpointResponse response) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      response.body().orElseThrow(() -> new AssertionError("no body: " + response)).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
