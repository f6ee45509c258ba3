package io.chatvideo.recording.bench;

import io.chatvideo.recording.aws.AwsBackend;
import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.aws.BenchItems;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.local.sqlite.BenchRows;
import io.chatvideo.recording.local.LocalBackend;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBRequestHandler;
import software.amazon.dynamodb.services.local.server.LocalDynamoDBServerHandler;

/**
 * Item 3: latency of the first and the 100th page of one owner's listing (limit 10, through the
 * repositories), with 1,000 and with 100,000 recordings in the store. The listed owner has 1,000
 * recordings in both cases (page 100 is its last page); the other 99,000 belong to 99 other owners.
 * Reference in the same run: a Scan-and-filter listing of the same table (DynamoDB: Scan with a
 * filter on user_id, then sort; SQLite: the same query with NOT INDEXED). Target: at 100,000, at
 * most twice the latency at 1,000.
 *
 * <p>Arguments: sizes (default 100000,1000), repeats (default 5), stores (default sqlite,dynamodb),
 * Scan-and-filter repeats (default 3). DynamoDB Local runs in this JVM
 * on 127.0.0.1, port chosen at start; set DDB_LOCAL_TELEMETRY=0.
 */
public final class ListingBench {

  private static final int LIMIT = 10;
  private static final int PAGES = 100;
  private static final int OWNER_RECORDINGS = LIMIT * PAGES;
  private static final int FILTERED_PAGES = 10;
  private static final UserId OWNER = UserId.of("owner-0@example.com");
  private static final ContentType WEBM = ContentType.parse("video/webm");
  private static final String ACCESS_KEY = "AKIABENCH0000000000";
  private static final String SECRET_KEY = "bench-secret-key";

  public static void main(String[] args) throws Exception {
    int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "100000,1000").split(",")).mapToInt(Integer::parseInt).toArray();
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Set<String> stores = Set.of((args.length > 2 ? args[2] : "sqlite,dynamodb").split(","));
    // A full Scan of 100,000 items in DynamoDB Local takes minutes.
    int scanRepeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Instant now = Instant.now();
    Map<Integer, List<CompletedRecording>> seeds = new TreeMap<>();
    for (int size : sizes) {
      seeds.put(size, recordings(size, now));
    }
    System.out.printf("%-9s %8s %12s %12s %14s %14s%n", "store", "rows", "page 1 ms", "page 100 ms", "scan p1 ms", "scan p100 ms");
    // By size, whatever order they ran in: the first size runs in a colder JVM, so giving the large
    // size first makes the comparison conservative.
    TreeMap<Integer, double[]> sqlite = new TreeMap<>();
    for (int size : stores.contains("sqlite") ? sizes : new int[0]) {
      double[] r = sqlite(seeds.get(size), now, repeats, scanRepeats);
      sqlite.put(size, r);
      print("sqlite", size, r);
    }
    TreeMap<Integer, double[]> dynamo = new TreeMap<>();
    Server ddb = startDynamoDbLocal();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + ((ServerConnector) ddb.getConnectors()[0]).getLocalPort());
      for (int size : stores.contains("dynamodb") ? sizes : new int[0]) {
        double[] r = dynamoDb(endpoint, seeds.get(size), now, repeats, scanRepeats);
        dynamo.put(size, r);
        print("dynamodb", size, r);
      }
    } finally {
      ddb.stop();
    }
    boolean pass = true;
    StringBuilder notes = new StringBuilder();
    for (var entry : Map.of("sqlite", sqlite, "dynamodb", dynamo).entrySet()) {
      if (entry.getValue().isEmpty()) {
        continue;
      }
      double[] small = entry.getValue().firstEntry().getValue();
      double[] large = entry.getValue().lastEntry().getValue();
      double ratio1 = large[0] / small[0];
      double ratio100 = large[1] / small[1];
      double scanRatio = large[2] / small[2];
      notes.append(String.format(" %s: page 1 x%.2f, page 100 x%.2f (scan reference x%.1f);", entry.getKey(), ratio1,
          ratio100, scanRatio));
      pass &= ratio1 <= 2 && ratio100 <= 2;
    }
    int largest = Arrays.stream(sizes).max().orElseThrow();
    int smallest = Arrays.stream(sizes).min().orElseThrow();
    System.out.println("VERDICT listing: " + (pass ? "PASS" : "FAIL") + " (" + largest + " vs " + smallest
        + " rows, target <= x2;" + notes + ")");
    System.exit(0);
  }

  private static void print(String store, int size, double[] r) {
    System.out.printf("%-9s %8d %12.2f %12.2f %14.2f %14.2f%n", store, size, r[0], r[1], r[2], r[3]);
  }

  /** OWNER_RECORDINGS for the listed owner, the rest spread over 99 other owners, over the last 20 days. */
  private static List<CompletedRecording> recordings(int size, Instant now) {
    Random random = new Random(size);
    List<CompletedRecording> all = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      UserId owner = i < OWNER_RECORDINGS ? OWNER : UserId.of("owner-" + (1 + i % 99) + "@example.com");
      RoomId room = RoomId.of("room-" + random.nextInt(100));
      Instant created = now.minusSeconds(60 + random.nextInt(20 * 24 * 3600)).minusNanos(random.nextInt(1_000_000_000));
      RecordingId id = new RecordingId(new UUID(random.nextLong(), random.nextLong()));
      RecordingDetails details = new RecordingDetails(id, room, owner, Set.of(),
          // A third of the listed owner's recordings have a name that the filtered listing's q finds.
          ObjectKey.forRecording(room, created, id, WEBM),
          new Filename(i < OWNER_RECORDINGS && i % 3 == 0 ? "Stand-up " + i + ".webm" : "call.webm"), WEBM,
          OptionalLong.of(1 << 20),
          created, created.plus(Duration.ofDays(30)));
      all.add(new PendingRecording(details, Optional.empty(), created.plus(Duration.ofMinutes(30)))
          .complete(1 << 20, Optional.empty(), created.plusSeconds(30), Optional.empty()));
    }
    return all;
  }

  /** Median latency of page 1 and page PAGES through the repository, then the same two pages by scan. */
  private static double[] measure(String store, RecordingRepository repository, Instant now, int repeats,
      int scanRepeats, java.util.function.IntFunction<Integer> scanPage) {
    List<Double> first = new ArrayList<>();
    List<Double> last = new ArrayList<>();
    // As many untimed walks as timed ones first: a page costs well under a millisecond, so one
    // walk of JIT warm-up left the first size measured at twice the second's cost either way round.
    for (int r = 0; r < 2 * repeats; r++) {
      Optional<String> cursor = Optional.empty();
      for (int page = 1; page <= PAGES; page++) {
        long t0 = System.nanoTime();
        RecordingRepository.Page p = repository.list(RecordingFilter.NONE, OWNER, now, LIMIT, cursor);
        double ms = (System.nanoTime() - t0) / 1e6;
        if (p.recordings().size() != LIMIT) {
          throw new IllegalStateException("page " + page + " has " + p.recordings().size() + " recordings");
        }
        if (r >= repeats && page == 1) {
          first.add(ms);
        }
        if (r >= repeats && page == PAGES) {
          last.add(ms);
        }
        cursor = p.nextCursor();
      }
    }
    // Printed before the Scans start, so that a run cut short by its time box still has them.
    System.out.printf("  index walk done: page 1 %.2f ms, page %d %.2f ms (median of %d); now %d Scan-and-filter runs%n",
        median(first), PAGES, median(last), repeats, scanRepeats);
    filtered(store, repository, now, repeats);
    System.out.flush();
    if (scanRepeats == 0) {
      return new double[] {median(first), median(last), Double.NaN, Double.NaN};
    }
    List<Double> scanFirst = new ArrayList<>();
    List<Double> scanLast = new ArrayList<>();
    // The walks above warmed the JIT; a Scan of 100,000 items takes long enough that a few runs will do.
    for (int r = 0; r < scanRepeats; r++) {
      scanFirst.add(time(() -> scanPage.apply(1)));
      scanLast.add(time(() -> scanPage.apply(PAGES)));
    }
    return new double[] {median(first), median(last), median(scanFirst), median(scanLast)};
  }

  /**
   * Issue 17: page 1 and page 10 of the owner's listing filtered to one week (8 to 1 days ago) and
   * by a q that a third of the names contain, against the unfiltered listing, walked alike in the
   * same run. Target: each at most twice the unfiltered page.
   */
  private static void filtered(String store, RecordingRepository repository, Instant now, int repeats) {
    Map<String, RecordingFilter> filters = new java.util.LinkedHashMap<>();
    filters.put("unfiltered", RecordingFilter.NONE);
    filters.put("one week", RecordingFilter.parse(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(now.minus(Duration.ofDays(8)).toString()), Optional.of(now.minus(Duration.ofDays(1)).toString()),
        Optional.empty(), Optional.empty(), Optional.empty()));
    filters.put("q=stand-up", RecordingFilter.parse(Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of("STAND-UP"), Optional.empty(), Optional.empty()));
    Map<String, double[]> medians = new java.util.LinkedHashMap<>();
    for (var filter : filters.entrySet()) {
      List<Double> first = new ArrayList<>();
      List<Double> tenth = new ArrayList<>();
      for (int r = 0; r < 2 * repeats; r++) {
        Optional<String> cursor = Optional.empty();
        for (int page = 1; page <= FILTERED_PAGES; page++) {
          long t0 = System.nanoTime();
          RecordingRepository.Page p = repository.list(filter.getValue(), OWNER, now, LIMIT, cursor);
          double ms = (System.nanoTime() - t0) / 1e6;
          if (p.nextCursor().isEmpty()) {
            throw new IllegalStateException(filter.getKey() + ": the listing ended at page " + page);
          }
          if (r >= repeats && page == 1) {
            first.add(ms);
          }
          if (r >= repeats && page == FILTERED_PAGES) {
            tenth.add(ms);
          }
          cursor = p.nextCursor();
        }
      }
      medians.put(filter.getKey(), new double[] {median(first), median(tenth)});
    }
    double[] plain = medians.get("unfiltered");
    boolean pass = true;
    StringBuilder line = new StringBuilder();
    for (var entry : medians.entrySet()) {
      double[] m = entry.getValue();
      line.append(String.format(" %s p1 %.2f ms p%d %.2f ms (x%.2f, x%.2f);", entry.getKey(), m[0], FILTERED_PAGES,
          m[1], m[0] / plain[0], m[1] / plain[1]));
      pass &= m[0] <= 2 * plain[0] && m[1] <= 2 * plain[1];
    }
    System.out.println("  VERDICT filtered-listing " + store + ": " + (pass ? "PASS" : "FAIL")
        + " (target <= x2 the unfiltered page, median of " + repeats + ";" + line + ")");
  }

  private static double time(Supplier<Integer> work) {
    long t0 = System.nanoTime();
    int n = work.get();
    if (n != LIMIT) {
      throw new IllegalStateException("scan page has " + n + " recordings");
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double[] sqlite(List<CompletedRecording> seed, Instant now, int repeats, int scanRepeats)
      throws Exception {
    Path dir = Files.createTempDirectory("listing-sqlite");
    try (LocalBackend local = LocalBackend.open(dir, Clock.systemUTC());
        Connection jdbc = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("recordings.db"))) {
      long t0 = System.nanoTime();
      BenchRows.insertAll(jdbc, seed);
      System.err.printf("sqlite: seeded %d rows in one transaction in %.1f s%n", seed.size(), (System.nanoTime() - t0) / 1e9);
      long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
      return measure("sqlite " + seed.size(), local.repository(), now, repeats, scanRepeats, page -> {
        try (PreparedStatement scan = jdbc.prepareStatement("SELECT id FROM recordings NOT INDEXED WHERE owner = ? "
            + "AND expires_at > ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
          scan.setString(1, OWNER.value());
          scan.setLong(2, nowNanos);
          scan.setInt(3, LIMIT);
          scan.setInt(4, (page - 1) * LIMIT);
          int n = 0;
          try (ResultSet rs = scan.executeQuery()) {
            while (rs.next()) {
              n++;
            }
          }
          return n;
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double[] dynamoDb(URI endpoint, List<CompletedRecording> seed, Instant now, int repeats,
      int scanRepeats) throws Exception {
    String table = "listing" + seed.size();
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    try (AwsBackend aws = AwsBackend.create(new AwsSettings("us-east-1", "listing-bench", table, Optional.of(endpoint),
            Optional.of(endpoint), true, Duration.ofSeconds(30)), credentials);
        DynamoDbClient client = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
            .credentialsProvider(credentials).httpClient(ApacheHttpClient.builder().maxConnections(8).build()).build()) {
      client.createTable(aws.infrastructure().createTableRequest());
      long t0 = System.nanoTime();
      seedDynamoDb(client, table, seed);
      System.err.printf("dynamodb: seeded %d items by BatchWriteItem in %.1f s%n", seed.size(), (System.nanoTime() - t0) / 1e9);
      double[] result = measure("dynamodb " + seed.size(), aws.repository(), now, repeats, scanRepeats,
          page -> scanPage(client, table, now, page));
      client.deleteTable(d -> d.tableName(table));
      return result;
    }
  }

  private static void seedDynamoDb(DynamoDbClient client, String table, List<CompletedRecording> seed) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int from = 0; from < seed.size(); from += 25) {
        List<WriteRequest> batch = seed.subList(from, Math.min(seed.size(), from + 25)).stream()
            .map(r -> WriteRequest.builder().putRequest(PutRequest.builder().item(BenchItems.item(r, "listing-bench"))
                .build()).build())
            .toList();
        done.add(pool.submit(() -> {
          Map<String, List<WriteRequest>> pending = Map.of(table, batch);
          while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            var unprocessed = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            pending = unprocessed == null ? Map.of() : unprocessed;
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** The seed's way: Scan the whole table filtered on user_id, sort newest first, cut the page. */
  private static int scanPage(DynamoDbClient client, String table, Instant now, int page) {
    List<Map<String, AttributeValue>> mine = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse response = client.scan(s -> s.tableName(table).exclusiveStartKey(from)
          .filterExpression("user_id = :u AND #ttl > :now")
          .expressionAttributeNames(Map.of("#ttl", "ttl"))
          .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(OWNER.value()),
              ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
      mine.addAll(response.items());
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    } while (start != null);
    mine.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("created_at").s()).reversed());
    return mine.subList((page - 1) * LIMIT, Math.min(mine.size(), page * LIMIT)).size();
  }

  private static Server startDynamoDbLocal() throws Exception {
    LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, true, null, true, false);
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setHandler(new LocalDynamoDBServerHandler(requests, null));
    jetty.start();
    return jetty;
  }
}
