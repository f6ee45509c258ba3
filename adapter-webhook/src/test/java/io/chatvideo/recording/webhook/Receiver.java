package io.chatvideo.recording.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver on 127.0.0.1 and a port chosen at start: it answers each request with the
 * next scripted {@link Answer} (204 when none is left) and keeps what it received.
 */
final class Receiver implements AutoCloseable {

  /** One request as received: lower-case header names, the body as text. */
  record Received(String path, Map<String, String> headers, String body) {}

  /** What to answer: a status, after holding the request for {@code holdMillis}, with an optional Location. */
  record Answer(int status, long holdMillis, String location) {
    static Answer status(int status) {
      return new Answer(status, 0, null);
    }
  }

  private final HttpServer server;
  private final BlockingDeque<Answer> script = new LinkedBlockingDeque<>();
  private final BlockingDeque<Received> received = new LinkedBlockingDeque<>();

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void answer(Answer... answers) {
    script.addAll(List.of(answers));
  }

  /** The next request received within 10 s; an AssertionError if none came. */
  Received next() throws InterruptedException {
    Received next = received.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("the receiver got no request within 10 s");
    }
    return next;
  }

  List<Received> receivedSoFar() {
    return new ArrayList<>(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
    Answer answer = script.poll();
    if (answer == null) {
      answer = Answer.status(204);
    }
    try {
      if (answer.holdMillis() > 0) {
        Thread.sleep(answer.holdMillis());
      }
      if (answer.location() != null) {
        exchange.getResponseHeaders().add("Location", answer.location());
      }
      byte[] text = "ok".getBytes(StandardCharsets.UTF_8);
      if (answer.status() == 204) {
        exchange.sendResponseHeaders(204, -1);
      } else {
        exchange.sendResponseHeaders(answer.status(), text.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(text);
        }
      }
    } catch (InterruptedException | IOException e) {
      // The sender gave up and hung up: what the timeout test wants.
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
