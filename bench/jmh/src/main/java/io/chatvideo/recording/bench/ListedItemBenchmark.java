package io.chatvideo.recording.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.local.LocalBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 30: what one listed recording of {@code GET /recordings} costs besides its row, as the
 * embedded backend builds it: its download URL signed ({@code presignGet}), made absolute, and the
 * item written as JSON with its three instants.
 *
 * <ul>
 *   <li>{@code listedItem}: the URL kept as the text the signer wrote (this branch);
 *   <li>{@code listedItemParsedUrl}: the same with the URL parsed into a {@link URI} and printed
 *       again, as every signed URL was before (the largest single cost in a profile of the list);
 *   <li>{@code reference}: the same item's JSON alone, URL already made: the floor a listed item
 *       cannot go below without writing less.
 * </ul>
 * bench/run-jmh.sh prints each as a ratio of {@code reference} from the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ListedItemBenchmark {

  private static final ContentType WEBM = ContentType.parse("video/webm");
  private static final String BASE = "http://127.0.0.1:8080";

  /** The fields of an item that carry the cost (the rest are short constants). */
  record Item(String recording_id, String room_id, String filename, long size, String created_at, String expires_at,
      String status, String download_url, String content_type, String completed_at, String processing) {}

  private LocalBackend local;
  private Path dir;
  private ObjectKey key;
  private Filename filename;
  private Instant created;
  private Instant expires;
  private Instant completed;
  private String id;
  private String signedUrl;
  private ObjectMapper json;
  private ByteArrayOutputStream buffer;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("listed-item-bench");
    local = LocalBackend.open(dir, Clock.systemUTC());
    created = Instant.parse("2026-12-08T00:30:10.371057508Z");
    expires = created.plus(Duration.ofDays(30));
    completed = created.plusMillis(111);
    RecordingId recording = new RecordingId(UUID.fromString("22e18b51-5f2e-4b09-b506-b982027adebc"));
    id = recording.toString();
    key = ObjectKey.forRecording(RoomId.of("load-room"), created, recording, WEBM);
    filename = new Filename("recording-load-room-20261208-003010.webm");
    signedUrl = BASE + local.storage().presignGet(key, WEBM, filename, expires).url();
    json = new ObjectMapper();
    buffer = new ByteArrayOutputStream(1024);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    local.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public int listedItem() throws IOException {
    String url = local.storage().presignGet(key, WEBM, filename, expires).url();
    return write(url.startsWith("/") ? BASE + url : url);
  }

  @Benchmark
  public int listedItemParsedUrl() throws IOException {
    URI url = URI.create(local.storage().presignGet(key, WEBM, filename, expires).url());
    return write(url.isAbsolute() ? url.toString() : BASE + url);
  }

  @Benchmark
  public int reference() throws IOException {
    return write(signedUrl);
  }

  private int write(String downloadUrl) throws IOException {
    buffer.reset();
    try (JsonGenerator out = json.createGenerator(buffer)) {
      json.writeValue(out, new Item(id, "load-room", filename.value(), 1_746_147L, created.toString(),
          expires.toString(), "COMPLETED", downloadUrl, WEBM.value(), completed.toString(), "off"));
    }
    return buffer.size();
  }
}
