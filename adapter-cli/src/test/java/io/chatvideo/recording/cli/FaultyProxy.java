package io.chatvideo.recording.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reverse proxy on 127.0.0.1 in front of the real server that answers chosen object PUTs with an
 * error instead of passing them on, as a flaky network or an expired URL would. It writes its own
 * origin over the server's in JSON answers, so the presigned URLs lead through it too.
 */
final class FaultyProxy implements AutoCloseable {

  record Seen(String method, String path, String query) {}

  private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
      "transfer-encoding", "keep-alive");

  private final URI server;
  private final HttpServer proxy;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<Integer, Integer> objectPutFaults = new ConcurrentHashMap<>();
  private final AtomicInteger objectPuts = new AtomicInteger();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  private FaultyProxy(URI server) throws IOException {
    this.server = server;
    this.proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.setExecutor(Executors.newFixedThreadPool(4));
    proxy.createContext("/", this::handle);
    proxy.start();
  }

  static FaultyProxy in(URI server) throws IOException {
    return new FaultyProxy(server);
  }

  /** The {@code nth} PUT to /objects/ (counting from 1) is answered with {@code status}, never passed on. */
  FaultyProxy failObjectPut(int nth, int status) {
    objectPutFaults.put(nth, status);
    return this;
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + proxy.getAddress().getPort());
  }

  List<Seen> seen(String method, String pathPrefix) {
    return seen.stream().filter(s -> s.method().equals(method) && s.path().startsWith(pathPrefix)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      byte[] body = exchange.getRequestBody().readAllBytes();
      seen.add(new Seen(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery()));
      if (exchange.getRequestMethod().equals("PUT") && uri.getRawPath().startsWith("/objects/")) {
        Integer fault = objectPutFaults.get(objectPuts.incrementAndGet());
        if (fault != null) {
          exchange.sendResponseHeaders(fault, -1);
          return;
        }
      }
      forward(exchange, uri, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private void forward(HttpExchange exchange, URI uri, byte[] body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(uri.getRawPath()
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
        .timeout(Duration.ofSeconds(60));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> request.header(name, value));
      }
    });
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response.headers().map().forEach((name, values) -> {
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
        exchange.getResponseHeaders().put(name, values);
      }
    });
    byte[] answer = response.body();
    if (response.headers().firstValue("Content-Type").orElse("").contains("json")) {
      answer = new String(answer, StandardCharsets.UTF_8).replace(server.toString(), url().toString())
          .getBytes(StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
  }

  @Override
  public void close() {
    proxy.stop(0);
    ((ExecutorService) proxy.getExecutor()).shutdownNow();
  }
}
