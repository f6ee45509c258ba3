package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The shaded jar as an operator starts it, spoken to over a socket by a plain HTTP client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerIT extends RecordingsApiContract {

  /** More than the heap the large-upload server gets, so it cannot hold the body in memory. */
  static final long LARGE_UPLOAD = 512L * 1024 * 1024;

  private final TempDirectory work = new TempDirectory("recordings-server-it");
  private ServerProcess server;
  private Api api;

  @BeforeAll
  void startServer() {
    server = ServerProcess.start(work.path(), Map.of());
    api = new Api(server.uri());
    server.awaitHealthy(api);
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
    work.close();
  }

  @Override
  Api api() {
    return api;
  }

  @Test
  void startPrintsTheUrlAndHowToGetADevToken() {
    assertThat(server.stdout()).contains("Recordings API listening on " + server.uri())
        .contains("backend local").contains("POST " + server.uri() + "/dev/token");
  }

  @Test
  void environmentVariablesOverrideSettings() {
    TempDirectory other = new TempDirectory("recordings-server-env");
    try (ServerProcess tenMinutes = ServerProcess.start(other.path(), Map.of("RECORDING_UPLOAD_URL_EXPIRY", "10m"))) {
      Api client = new Api(tenMinutes.uri());
      tenMinutes.awaitHealthy(client);

      JsonNode ticket = client.post("/recordings/upload-url", client.devToken(user()), "{\"room_id\":\"env\"}").json();

      assertThat(ticket.get("expires_in").asLong()).isEqualTo(600);
    } finally {
      other.close();
    }
  }

  @Test
  void invalidConfigurationStopsStartUpWithOneLine() {
    TempDirectory other = new TempDirectory("recordings-server-bad");
    try (ServerProcess bad = ServerProcess.start(other.path(), Map.of("RECORDING_UPLOAD_URL_EXPIRY", "9d"))) {
      int exit = bad.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).isNotZero();
      assertThat(bad.stderr().strip().lines().toList()).containsExactly("recordings server did not start: "
          + "invalid configuration: recording.upload-url-expiry (RECORDING_UPLOAD_URL_EXPIRY) upload URL expiry of "
          + "PT216H exceeds the 7-day limit of presigned URLs (PT168H)");
      assertThat(bad.stdout()).doesNotContain("Exception");
    } finally {
      other.close();
    }
  }

  /** A key moved from Micronaut's binding (which took a bad value as unset) into the one settings model. */
  @Test
  void aLimitThatIsNotANumberStopsStartUpNamingTheKeyAndTheVariable() {
    TempDirectory other = new TempDirectory("recordings-server-banana");
    try (ServerProcess bad = ServerProcess.start(other.path(),
        Map.of("RECORDING_LIMITS_MAX_PENDING_UPLOADS", "banana"))) {
      int exit = bad.awaitExit(Duration.ofSeconds(60));

      assertThat(exit).isNotZero();
      assertThat(bad.stderr().strip().lines().toList()).containsExactly("recordings server did not start: "
          + "invalid configuration: recording.limits.max-pending-uploads (RECORDING_LIMITS_MAX_PENDING_UPLOADS) "
          + "'banana' is not a whole number");
    } finally {
      other.close();
    }
  }

  @Test
  void uploadLargerThanTheHeapStreamsThroughAndDownloadsIntact() throws Exception {
    TempDirectory other = new TempDirectory("recordings-server-large");
    try (ServerProcess small = ServerProcess.start(other.path(), Map.of(), "-Xmx128m")) {
      Api client = new Api(small.uri());
      small.awaitHealthy(client);
      String token = client.devToken(user());
      JsonNode ticket = client.post("/recordings/upload-url", token,
          "{\"room_id\":\"large\",\"size\":" + LARGE_UPLOAD + "}").json();

      MessageDigest sent = sha256();
      HttpRequest put = HttpRequest.newBuilder(URI.create(ticket.get("upload_url").asText()))
          .timeout(Duration.ofMinutes(5))
          .header("Content-Type", ticket.get("upload_headers").get("Content-Type").asText())
          .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
              () -> new DigestInputStream(new RandomStream(LARGE_UPLOAD), sent)), LARGE_UPLOAD))
          .build();
      assertThat(client.http().send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      String id = ticket.get("recording_id").asText();
      JsonNode completed = client.post("/recordings/" + id + "/complete", token, null).json();
      assertThat(completed.get("size").asLong()).isEqualTo(LARGE_UPLOAD);

      MessageDigest received = sha256();
      HttpResponse<InputStream> download = client.http().send(
          HttpRequest.newBuilder(URI.create(completed.get("download_url").asText())).timeout(Duration.ofMinutes(5))
              .build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(LARGE_UPLOAD);
      try (InputStream body = new DigestInputStream(download.body(), received)) {
        body.transferTo(java.io.OutputStream.nullOutputStream());
      }
      assertThat(received.digest()).isEqualTo(sent.digest());
    } finally {
      other.close();
    }
  }

  @Test
  void serverStoppedByItsPidShutsDownCleanly() {
    TempDirectory other = new TempDirectory("recordings-server-stop");
    try {
      ServerProcess stopping = ServerProcess.start(other.path(), Map.of());
      Api client = new Api(stopping.uri());
      stopping.awaitHealthy(client);
      Uploads.completedRecording(client, client.devToken(user()), "stop", bytes(10, 8));

      ProcessHandle.of(stopping.pid()).ifPresent(ProcessHandle::destroy);

      stopping.awaitExit(Duration.ofSeconds(30));
      assertThat(stopping.stderr()).doesNotContain("Exception");
    } finally {
      other.close();
    }
  }

  private static MessageDigest sha256() throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256");
  }

  /** {@code length} pseudo-random bytes, made as they are read. */
  private static final class RandomStream extends InputStream {

    private final Random random = new Random(42);
    private long remaining;

    RandomStream(long length) {
      this.remaining = length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(length, remaining);
      byte[] chunk = new byte[n];
      random.nextBytes(chunk);
      System.arraycopy(chunk, 0, buffer, offset, n);
      remaining -= n;
      return n;
    }

    @Override
    public void close() throws IOException {
      remaining = 0;
    }
  }

}
