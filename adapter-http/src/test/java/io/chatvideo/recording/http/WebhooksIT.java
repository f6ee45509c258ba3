package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server jar with {@code recording.webhook.url} pointing at a receiver in this test
 * (127.0.0.1, a port chosen at start): a completion arrives as a signed {@code recording.completed};
 * 100 events pending when the server is SIGKILLed (the receiver answers 503 until then) are all
 * delivered after a restart, under their original {@code webhook-id}, duplicates counted.
 */
class WebhooksIT {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final Duration DELIVERY_BOUND = Duration.ofSeconds(90);
  /** The figure: events not yet delivered when the server is SIGKILLed. */
  private static final int PENDING_AT_KILL = 100;
  private static final Pattern RECORDING_ID = Pattern.compile("\"recording_id\":\"([0-9a-f-]{36})\"");

  /** One request as received, and the status it was answered with. */
  private record Hook(String id, String timestamp, String signature, String body, int answered) {}

  private final TempDirectory work = new TempDirectory("recordings-webhooks-it");
  /** Guarded by itself; every arrival notifies its waiters. */
  private final List<Hook> received = new ArrayList<>();
  private volatile int status = 204;
  private HttpServer receiver;

  @BeforeEach
  void startReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.createContext("/hooks", this::receive);
    receiver.start();
  }

  @AfterEach
  void stop() {
    receiver.stop(0);
    work.close();
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

  private ServerProcess start() {
    ServerProcess server = ServerProcess.start(work.path(), Map.of(
        "RECORDING_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
        "RECORDING_WEBHOOK_SECRET", SECRET,
        "RECORDING_WEBHOOK_ALLOW_LOOPBACK", "true",
        "RECORDING_WEBHOOK_RETRIES", "1s,1s,1s,1s,1s,1s,1s,1s,1s,1s",
        "RECORDING_PROCESSING_LEASE", "5s",
        // One user makes the 100 recordings of the kill test within a few seconds.
        "RECORDING_LIMITS_UPLOAD_REQUESTS_PER_MINUTE", "1000"));
    server.awaitHealthy(new Api(server.uri()));
    return server;
  }

  @Test
  void aCompletionArrivesAsASignedRecordingCompletedEvent() throws Exception {
    try (ServerProcess server = start()) {
      Api api = new Api(server.uri());
      String token = api.devToken("hooks@example.com");
      String id = Uploads.completedRecording(api, token, "hook-room", "webm bytes".getBytes(StandardCharsets.UTF_8));

      Hook hook = awaitCompletions(Set.of(id), server).get(id).get(0);

      assertThat(hook.body()).startsWith("{\"type\":\"recording.completed\",\"timestamp\":\"")
          .contains("\"recording_id\":\"" + id + "\"", "\"room_id\":\"hook-room\"", "\"status\":\"COMPLETED\"")
          .doesNotContain("download_url");
      assertThat(hook.id()).matches("msg_[0-9a-f]{32}");
      assertThat(Math.abs(Long.parseLong(hook.timestamp()) - Instant.now().getEpochSecond())).isLessThan(120);
      assertThat(hook.signature()).isEqualTo("v1," + sign(hook));
    }
  }

  @Test
  void eventsPendingWhenTheServerIsKilledAreAllDeliveredAfterARestart() throws Exception {
    // Nothing can be delivered before the kill: every event is still pending there, by construction.
    status = 503;
    Set<String> ids = new HashSet<>();
    ServerProcess first = start();
    try {
      Api api = new Api(first.uri());
      String token = api.devToken("kill@example.com");
      for (int i = 0; i < PENDING_AT_KILL; i++) {
        ids.add(Uploads.completedRecording(api, token, "kill-room", ("call " + i).getBytes(StandardCharsets.UTF_8)));
      }
      ProcessHandle.of(first.pid()).ifPresent(ProcessHandle::destroyForcibly);
      first.awaitExit(Duration.ofSeconds(30));
    } finally {
      first.close();
    }
    List<Hook> beforeKill = snapshot();
    assertThat(beforeKill).as("deliveries answered before the kill").allMatch(h -> h.answered() == 503);
    Map<String, String> firstIds = new HashMap<>();
    for (Hook hook : beforeKill) {
      firstIds.putIfAbsent(recordingId(hook), hook.id());
    }
    status = 204;
    try (ServerProcess second = start()) {
      Map<String, List<Hook>> delivered = awaitCompletions(ids, second);
      int duplicates = 0;
      for (String id : ids) {
        Set<String> webhookIds = new HashSet<>();
        delivered.get(id).forEach(h -> webhookIds.add(h.id()));
        assertThat(webhookIds).as("recording %s: one event, one webhook-id on every attempt", id).hasSize(1);
        if (firstIds.containsKey(id)) {
          assertThat(webhookIds).as("recording %s: the id it had before the kill", id).containsExactly(firstIds.get(id));
        }
        duplicates += (int) delivered.get(id).stream().filter(h -> h.answered() == 204).count() - 1;
      }
      // At least once: a duplicate is allowed (a worker killed after the send, before its answer
      // was written); it is counted so that a change in how many there are shows in the log.
      System.out.printf("WebhooksIT: %d events pending at the kill (%d attempted before it), all delivered after "
          + "the restart, %d duplicate deliveries%n", ids.size(), firstIds.size(), duplicates);
    }
  }

  private List<Hook> snapshot() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /**
   * Waits until a 2xx-answered delivery of each recording's completion arrived; answers every
   * delivery of each. Woken by each arrival, not by a timer: the bound is the only clock.
   */
  private Map<String, List<Hook>> awaitCompletions(Set<String> ids, ServerProcess server) throws InterruptedException {
    long deadline = System.nanoTime() + DELIVERY_BOUND.toNanos();
    synchronized (received) {
      while (true) {
        Map<String, List<Hook>> byRecording = new HashMap<>();
        for (Hook hook : received) {
          if (hook.body().startsWith("{\"type\":\"recording.completed\"")) {
            byRecording.computeIfAbsent(recordingId(hook), k -> new ArrayList<>()).add(hook);
          }
        }
        if (byRecording.keySet().containsAll(ids)
            && ids.stream().allMatch(id -> byRecording.get(id).stream().anyMatch(h -> h.answered() == 204))) {
          return byRecording;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          long delivered = ids.stream().filter(id -> byRecording.getOrDefault(id, List.of()).stream()
              .anyMatch(h -> h.answered() == 204)).count();
          throw new AssertionError("after " + DELIVERY_BOUND + " " + delivered + " of the completions of " + ids.size()
              + " recordings were delivered; server said:\n" + server.stdout() + server.stderr());
        }
        received.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  private static String recordingId(Hook hook) {
    Matcher m = RECORDING_ID.matcher(hook.body());
    return m.find() ? m.group(1) : "";
  }

  private static String sign(Hook hook) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
    byte[] expected = mac.doFinal((hook.id() + "." + hook.timestamp() + "." + hook.body())
        .getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(expected);
  }
}
