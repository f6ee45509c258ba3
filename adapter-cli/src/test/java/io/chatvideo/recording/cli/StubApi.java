package io.chatvideo.recording.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for the recordings API and object store in unit tests: a real HTTP server on
 * 127.0.0.1 at a free port, answering from handlers the test gives, and keeping every request.
 */
final class StubApi implements AutoCloseable {

  record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  @FunctionalInterface
  interface Handler {
    void handle(Request request, HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  StubApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  StubApi on(String pathPrefix, Handler handler) {
    server.createContext(pathPrefix, exchange -> {
      try (exchange) {
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
            exchange.getRequestBody().readAllBytes());
        requests.add(request);
        handler.handle(request, exchange);
      }
    });
    return this;
  }

  List<Request> requests(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
  }

  static void json(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  static void problem(HttpExchange exchange, int status, String title, String detail) throws IOException {
    send(exchange, status, "application/problem+json", ("{\"type\":\"about:blank\",\"title\":\"" + title
        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
  }

  static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
