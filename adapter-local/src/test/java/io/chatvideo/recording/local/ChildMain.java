package io.chatvideo.recording.local;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.JobLease;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.testing.TestRecordings;
import io.chatvideo.recording.local.capability.Capability;
import io.chatvideo.recording.local.files.ObjectAccess;
import io.chatvideo.recording.local.files.ObjectDownload;
import io.chatvideo.recording.local.sqlite.OutboxWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.net.URLDecoder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What {@link ChildProcess} runs in the other JVM. Prints one line per milestone. */
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[1]);
    switch (args[0]) {
      case "write-forever" -> writeForever(data, new ObjectKey(args[2]));
      case "insert" -> insert(data, args[2], Integer.parseInt(args[3]));
      case "round-trip" -> roundTrip(data, new ObjectKey(args[2]), Long.parseLong(args[3]));
      case "lease-jobs" -> leaseJobs(data, Instant.parse(args[2]));
      case "lease-and-hang" -> leaseAndHang(data);
      case "outbox-then-hang" -> OutboxWriter.completeAndHang(data, args[2], Instant.parse(args[3]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  /** PUTs a body that never ends, after saying so once a megabyte is in. */
  private static void writeForever(Path data, ObjectKey key) throws IOException {
    try (LocalBackend backend = LocalBackend.open(data, Clock.systemUTC())) {
      PresignedRequest put = backend.storage().presignPut(key, ContentType.DEFAULT, OptionalLong.empty(),
          Instant.now().plusSeconds(600));
      InputStream endless = new InputStream() {
        private long given;

        @Override
        public int read() {
          return read(new byte[1], 0, 1) < 0 ? -1 : 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          given += len;
          if (given >= 1 << 20 && given - len < 1 << 20) {
            System.out.println("WRITING");
            System.out.flush();
          }
          if (given > 1 << 20) {
            slowClient();
          }
          return len;
        }
      };
      ObjectAccess objects = backend.objects();
      objects.upload(objects.verify(Capability.Method.PUT, key.value(), query(put)),
          Optional.of(ContentType.DEFAULT.value()), OptionalLong.empty(), endless);
    }
  }

  /** The decoded query of a presigned URL, as the HTTP adapter hands it over. */
  private static Map<String, String> query(PresignedRequest request) {
    Map<String, String> query = new HashMap<>();
    for (String pair : request.uri().getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return query;
  }

  /** A client on a slow link, so the disk does not fill up before the parent kills this JVM. */
  private static void slowClient() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void insert(Path data, String owner, int count) {
    try (LocalBackend backend = LocalBackend.open(data, Clock.systemUTC())) {
      System.out.println("OPEN");
      System.out.flush();
      for (int i = 0; i < count; i++) {
        backend.repository().insert(TestRecordings.pending(owner, "room-1", Instant.parse("2026-03-01T10:00:00Z")));
      }
      System.out.println("DONE");
    }
  }

  /**
   * Leases jobs at {@code now} for an hour until none is left, printing each job's id as it is
   * leased, after waiting for a line on stdin so the parent can start its own workers at once.
   */
  /** Leases every due job for an hour, writes a file in its work directory, says so, and waits to be killed. */
  private static void leaseAndHang(Path data) throws IOException, InterruptedException {
    LocalBackend backend = LocalBackend.open(data, Clock.systemUTC());
    JobQueue jobs = backend.jobs(3);
    int held = 0;
    while (jobs.lease(Instant.now(), Duration.ofHours(1)).isPresent()) {
      held++;
    }
    java.nio.file.Files.createDirectories(backend.workDirectory());
    java.nio.file.Files.writeString(backend.workDirectory().resolve("half-done.mp4"), "partial");
    System.out.println("HELD " + held + " IN " + backend.workDirectory());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void leaseJobs(Path data, Instant now) throws IOException {
    try (LocalBackend backend = LocalBackend.open(data, Clock.fixed(now, ZoneOffset.UTC))) {
      JobQueue jobs = backend.jobs(3);
      System.out.println("OPEN");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      for (Optional<JobLease> lease = jobs.lease(now, Duration.ofHours(1)); lease.isPresent();
          lease = jobs.lease(now, Duration.ofHours(1))) {
        System.out.println("LEASED " + lease.get().job().id());
      }
      System.out.println("DONE");
    }
  }

  /** PUTs {@code size} generated bytes and GETs them back, printing both SHA-256s. */
  private static void roundTrip(Path data, ObjectKey key, long size) throws Exception {
    try (LocalBackend backend = LocalBackend.open(data, Clock.systemUTC())) {
      Fixtures.awaitUpload(backend.repository(), key, Optional.empty());
      Instant expiry = Instant.now().plusSeconds(600);
      PresignedRequest put = backend.storage().presignPut(key, ContentType.DEFAULT, OptionalLong.of(size), expiry);
      MessageDigest sent = MessageDigest.getInstance("SHA-256");
      InputStream generated = new InputStream() {
        private long given;

        @Override
        public int read() {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          if (given == size) {
            return -1;
          }
          int n = (int) Math.min(len, size - given);
          for (int i = 0; i < n; i++) {
            b[off + i] = (byte) ((given + i) * 31 + ((given + i) >>> 13));
          }
          sent.update(b, off, n);
          given += n;
          return n;
        }
      };
      ObjectAccess objects = backend.objects();
      objects.upload(objects.verify(Capability.Method.PUT, key.value(), query(put)),
          Optional.of(ContentType.DEFAULT.value()), OptionalLong.of(size), generated);
      PresignedRequest get = backend.storage().presignGet(key, ContentType.DEFAULT,
          io.chatvideo.recording.core.domain.Filename.sanitize("x.webm", "x.webm"), expiry);
      ObjectDownload read = objects.download(objects.verify(Capability.Method.GET, key.value(), query(get)));
      MessageDigest received = MessageDigest.getInstance("SHA-256");
      try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), received);
          InputStream in = Channels.newInputStream(read.open(0, read.size()))) {
        in.transferTo(sink);
      }
      System.out.println("stored read " + HexFormat.of().formatHex(sent.digest()) + " "
          + HexFormat.of().formatHex(received.digest()) + " " + backend.storage().head(key).orElseThrow().sha256()
          .orElse("-") + " " + Runtime.getRuntime().maxMemory());
    }
  }
}
