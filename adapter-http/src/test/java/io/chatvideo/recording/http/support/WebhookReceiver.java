package io.chatvideo.recording.http.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for tests: {@code /hooks} on 127.0.0.1, a port chosen at start, keeping
 * every request with the status it was answered ({@link #answer}, 204 unless told), stopped by
 * {@link #close}.
 */
public final class WebhookReceiver implements AutoCloseable {

  public static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Pattern RECORDING_ID = Pattern.compile("\"recording_id\":\"([0-9a-f-]{36})\"");

  /** One request as received, and the status it was answered with. */
  public record Hook(String id, String timestamp, String signature, String body, int answered) {

    /** The recording the event is about; empty for none. */
    public String recordingId() {
      Matcher m = RECORDING_ID.matcher(body);
      return m.find() ? m.group(1) : "";
    }

    /** The {@code v1} signature of this request with {@link #SECRET}, as the Standard Webhooks spec computes it. */
    public String expectedSignature() {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
            .getBytes(StandardCharsets.UTF_8)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Guarded by itself; every arrival notifies its waiters. */
  private final List<Hook> received = new ArrayList<>();
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private volatile int status = 204;

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  public static WebhookReceiver start() {
    try {
      WebhookReceiver receiver = new WebhookReceiver(HttpServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
      receiver.server.setExecutor(receiver.threads);
      receiver.server.createContext("/hooks", receiver::receive);
      receiver.server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL to configure as the endpoint (plain http: the server needs {@code allow-loopback}). */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** The status every later request is answered with. */
  public void answer(int status) {
    this.status = status;
  }

  public List<Hook> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /**
   * Waits, for at most {@code bound}, until a 2xx-answered delivery of each recording's completion
   * arrived, and answers every delivery of each; an {@code AssertionError} with {@code log} else.
   */
  public Map<String, List<Hook>> awaitCompletions(Set<String> ids, Duration bound, ServerProcess log)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    synchronized (received) {
      while (true) {
        Map<String, List<Hook>> byRecording = new HashMap<>();
        for (Hook hook : received) {
          if (hook.body().startsWith("{\"type\":\"recording.completed\"")) {
            byRecording.computeIfAbsent(hook.recordingId(), k -> new ArrayList<>()).add(hook);
          }
        }
        if (byRecording.keySet().containsAll(ids)
            && ids.stream().allMatch(id -> byRecording.get(id).stream().anyMatch(h -> h.answered() / 100 == 2))) {
          return byRecording;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          long delivered = ids.stream().filter(id -> byRecording.getOrDefault(id, List.of()).stream()
              .anyMatch(h -> h.answered() / 100 == 2)).count();
          throw new AssertionError("after " + bound + " " + delivered + " of the completions of " + ids.size()
              + " recordings were delivered; server said:\n" + log.stdout() + log.stderr());
        }
        // Woken by each arrival, not by a timer: the bound is the only clock.
        received.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private void receive(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    int answer = status;
    synchronized (received) {
      received.add(new Hook(exchange.getRequestHeaders().getFirst("webhook-id"),
          exchange.getRequestHeaders().getFirst("webhook-timestamp"),
          exchange.getRequestHeaders().getFirst("webhook-signature"), body, answer));
      received.notifyAll();
    }
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
