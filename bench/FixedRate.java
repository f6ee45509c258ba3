import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load at a fixed rate, the way wrk2 measures (wrk2 and oha are not in the package
 * registries this project installs from; the JDK's HttpClient is). Request i is due at start + i /
 * rate whatever the answers before it did, and its latency runs from when it was due, not from when
 * it was sent: a server that stalls is charged for every request that queued behind the stall
 * (no coordinated omission). Run with {@code java bench/FixedRate.java}, JDK 17's single-file launch.
 *
 * <p>Arguments: URL RATE SECONDS [--method M] [--body TEXT] [--header "Name: value"]... [--tokens FILE]
 * (bearer tokens, one a line, taken in turn, so the load comes from many users) [--connections N]
 * (requests in flight at most, default 64, like wrk2's connections). Prints one line:
 * {@code achieved_rps p50_ms p99_ms errors sent}, achieved counting 2xx answers only; errors are non-2xx answers and failed requests.
 */
public final class FixedRate {

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    double rate = Double.parseDouble(args[1]);
    double seconds = Double.parseDouble(args[2]);
    String method = "GET";
    String body = null;
    List<String[]> headers = new ArrayList<>();
    List<String> tokens = List.of();
    int connections = 64;
    for (int i = 3; i < args.length; i += 2) {
      switch (args[i]) {
        case "--method" -> method = args[i + 1];
        case "--body" -> body = args[i + 1];
        case "--header" -> headers.add(args[i + 1].split(":\\s*", 2));
        case "--connections" -> connections = Integer.parseInt(args[i + 1]);
        case "--tokens" -> tokens = Files.readAllLines(Path.of(args[i + 1])).stream().filter(s -> !s.isBlank()).toList();
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    int total = (int) Math.round(rate * seconds);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
    List<HttpRequest> requests = new ArrayList<>();
    for (int i = 0; i < Math.max(1, tokens.size()); i++) {
      HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
      headers.forEach(h -> b.header(h[0], h[1]));
      if (!tokens.isEmpty()) {
        b.header("Authorization", "Bearer " + tokens.get(i));
      }
      requests.add(b.build());
    }
    long[] latencies = new long[total];
    AtomicInteger errors = new AtomicInteger();
    AtomicLong lastAnswer = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    Semaphore inFlight = new Semaphore(connections);
    long intervalNanos = (long) (1e9 / rate);
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      // At most `connections` requests in flight, as wrk2 keeps a fixed set of connections: a request
      // that finds them all busy waits its turn, and its wait counts in its latency.
      inFlight.acquireUninterruptibly();
      int n = i;
      client.sendAsync(requests.get(i % requests.size()), HttpResponse.BodyHandlers.discarding())
          .whenComplete((response, failure) -> {
            long now = System.nanoTime();
            latencies[n] = now - due;
            lastAnswer.accumulateAndGet(now, Math::max);
            inFlight.release();
            if (failure != null || response.statusCode() / 100 != 2) {
              if (errors.incrementAndGet() == 1) {
                System.err.println("first error: " + (failure != null ? failure : "HTTP " + response.statusCode()));
              }
            }
            done.countDown();
          });
    }
    long sentNanos = System.nanoTime() - start;
    if (!done.await(30, TimeUnit.SECONDS)) {
      errors.addAndGet((int) done.getCount());
    }
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    // Achieved: the answered requests over the time until the last answer (or the sending, if longer).
    double elapsed = Math.max(sentNanos, lastAnswer.get() - start) / 1e9;
    System.out.printf("%.0f %.2f %.2f %d %d%n", (total - errors.get()) / elapsed, pick(sorted, 0.50), pick(sorted, 0.99),
        errors.get(), total);
    System.exit(0);
  }

  private static double pick(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
  }

  private FixedRate() {}
}
