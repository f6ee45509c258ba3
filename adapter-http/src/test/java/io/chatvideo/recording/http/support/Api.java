package io.chatvideo.recording.http.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A client of the recordings API over a real socket (java.net.http), sending exactly the bytes a
 * test gives it, so malformed input reaches the server as written.
 */
public final class Api {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public Api(URI base) {
    this.base = base;
  }

  public URI base() {
    return base;
  }

  /** A token from {@code POST /dev/token}. */
  public String devToken(String email) {
    Reply reply = send("POST", "/dev/token", null, "{\"email\":\"" + email + "\"}");
    if (reply.status() != 200) {
      throw new AssertionError("dev token for " + email + ": " + reply);
    }
    return reply.json().get("token").asText();
  }

  public Reply get(String path, String token) {
    return send("GET", path, token, null);
  }

  public Reply post(String path, String token, String json) {
    return send("POST", path, token, json);
  }

  public Reply delete(String path, String token) {
    return send("DELETE", path, token, null);
  }

  /** A request to an API path with an optional bearer token and JSON body. */
  public Reply send(String method, String path, String token, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    return exchange(request.build());
  }

  /** A request to an absolute URL (a presigned one) with the given headers. */
  public Reply raw(String method, String url, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
    headers.forEach((name, value) -> {
      if (!name.equalsIgnoreCase("Content-Length")) {
        request.header(name, value);
      }
    });
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    return exchange(request.build());
  }

  public Reply exchange(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpClient http() {
    return http;
  }

  /** What the server answered. */
  public record Reply(int status, java.net.http.HttpHeaders headers, byte[] body) {

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text(), e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + text();
    }
  }
}
