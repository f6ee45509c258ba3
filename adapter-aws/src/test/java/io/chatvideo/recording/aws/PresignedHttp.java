package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Makes presigned requests the way a client would: with java.net.http, sending the signed headers. */
final class PresignedHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PresignedHttp() {}

  /** Sends {@code request} with exactly its headers and {@code body} (for a PUT). */
  static HttpResponse<byte[]> send(PresignedRequest request, byte[] body) {
    String signedLength = request.headers().get("content-length");
    if (signedLength != null) {
      // java.net.http refuses to let callers set Content-Length; it sends the body's length, which must match.
      assertThat(Long.parseLong(signedLength)).as("signed content-length").isEqualTo(body == null ? 0 : body.length);
    }
    return send(request.method(), request.uri(), request.headers(), body);
  }

  /** Sends what is given; a Content-Length header is always the body's, whatever {@code headers} say. */
  static HttpResponse<byte[]> send(String method, URI url, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder http = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("content-length")) {
        http.header(name, value);
      }
    });
    try {
      return CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError("request to " + url.getHost() + ":" + url.getPort() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
