package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.core.testing.Await;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.CutShortCall;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server jar SIGKILLed with its ffmpeg child in the middle of the MP4 transcode: nothing
 * half-written shows, and the server started again on the same data directory takes the job back
 * at once (the run that leased it is dead), though its lease had 30 minutes to go, deletes the dead
 * run's work directory, and makes the recording ready exactly once, within a few minutes at most
 * on a busy machine.
 */
class ProcessingKillIT {

  /** Long enough that the transcode runs for seconds on a busy two-core machine. */
  private static final int SECONDS = 20;
  /** The lease of old: only taking the job back from the dead run makes the recording ready in time. */
  private static final Duration LEASE = Duration.ofMinutes(30);
  /** Generous bounds for a shared machine; each wait ends as soon as the state it polls shows. */
  private static final Duration TRANSCODE_STARTS = Duration.ofMinutes(2);
  private static final Duration READY = Duration.ofMinutes(3);
  private static final Map<String, String> PROCESSING = Map.of(
      "RECORDING_PROCESSING_ENABLED", "true",
      "RECORDING_PROCESSING_LEASE", LEASE.toMinutes() + "m");

  private final TempDirectory work = new TempDirectory("recordings-processing-kill");
  private final List<ServerProcess> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(ServerProcess::close);
    work.close();
  }

  @Test
  void transcodeKilledWithItsServerIsLeasedAgainAndFinishesOnce() throws Exception {
    byte[] webm = testRecording(work.path().resolve("call.webm"));
    ServerProcess first = start();
    Api api = new Api(first.uri());
    String token = api.devToken("kill@example.com");
    String id = Uploads.completedRecording(api, token, "kill-room", webm);

    ProcessHandle transcode = Await.until("the server's ffmpeg transcoding to H.264", TRANSCODE_STARTS,
        () -> ProcessHandle.of(first.pid()).flatMap(server -> server.descendants()
            .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).contains("libx264"))
            .findFirst()));
    Path deadRunWork = runDirectory(first.pid());
    ProcessHandle server = ProcessHandle.of(first.pid()).orElseThrow();
    server.destroyForcibly();
    transcode.destroyForcibly();
    server.onExit().get(30, TimeUnit.SECONDS);
    transcode.onExit().get(30, TimeUnit.SECONDS);

    assertThat(renditionObjects()).as("MP4 renditions in the data directory after the kill").isEmpty();
    assertThat(deadRunWork).as("the killed run's work directory").exists();
    long restarted = System.nanoTime();
    ServerProcess second = start();
    Api again = new Api(second.uri());
    assertThat(deadRunWork).as("the killed run's work directory, once the server started again").doesNotExist();

    JsonNode ready = Await.until("the recording to become ready again", READY, () -> {
      Api.Reply reply = again.get("/recordings/" + id, token);
      assertThat(reply.status()).as("GET /recordings/%s: %s", id, reply).isEqualTo(200);
      JsonNode recording = reply.json();
      String state = recording.path("processing").asText();
      assertThat(state).as("%s", recording).isIn("running", "queued", "ready");
      return state.equals("ready") ? Optional.of(recording) : Optional.empty();
    });

    System.out.printf("server killed mid-transcode: ready %d s after the restart began (lease %s)%n",
        Duration.ofNanos(System.nanoTime() - restarted).toSeconds(), LEASE);
    assertThat(renditionObjects()).as("MP4 objects once processing finished").hasSize(1);
    assertThat(deadJobs()).as("dead jobs in the local queue").isZero();
    assertThat(ready.get("renditions")).extracting(r -> r.get("format").asText()).containsExactlyInAnyOrder("webm", "mp4");
    Path mp4 = work.path().resolve("downloaded.mp4");
    for (JsonNode rendition : ready.get("renditions")) {
      if (rendition.get("format").asText().equals("mp4")) {
        Api.Reply download = again.raw("GET", rendition.get("download_url").asText(), Map.of(), null);
        assertThat(download.status()).isEqualTo(200);
        Files.write(mp4, download.body());
        assertThat(download.body()).hasSize(rendition.get("size").asInt());
      }
    }
    assertThat(CutShortCall.run("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", mp4.toString())
        .strip().lines()).containsExactlyInAnyOrder("h264", "aac");
    double seconds = Double.parseDouble(CutShortCall.run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
        "csv=p=0", mp4.toString()).strip());
    assertThat(seconds).isCloseTo(SECONDS, org.assertj.core.data.Offset.offset(0.3));
    assertThat(second.stdout() + second.stderr()).doesNotContain("Exception");
  }

  private ServerProcess start() {
    ServerProcess server = ServerProcess.start(work.path(), PROCESSING);
    servers.add(server);
    server.awaitHealthy(new Api(server.uri()));
    return server;
  }

  /** VP8 and Opus in WebM, as MediaRecorder writes them, from ffmpeg's test sources. */
  private static byte[] testRecording(Path file) throws IOException {
    String log = CutShortCall.run("ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
        "testsrc=size=640x360:rate=30:duration=" + SECONDS, "-f", "lavfi", "-i",
        "sine=frequency=440:sample_rate=48000:duration=" + SECONDS, "-c:v", "libvpx", "-deadline", "realtime",
        "-b:v", "1M", "-c:a", "libopus", "-f", "webm", file.toString());
    assertThat(log).as("ffmpeg making the test recording").isBlank();
    return Files.readAllBytes(file);
  }

  /** The work directory of the server run {@code pid}, under the data directory's {@code processing/}. */
  private Path runDirectory(long pid) throws IOException {
    try (Stream<Path> runs = Files.list(work.path().resolve("data").resolve("processing"))) {
      return runs.filter(dir -> dir.getFileName().toString().startsWith("run-" + pid + "-")).findFirst()
          .orElseThrow(() -> new AssertionError("no work directory of run " + pid));
    }
  }

  /** The visible MP4 objects of the local store (its partial files are hidden dot-files). */
  private List<Path> renditionObjects() throws IOException {
    Path objects = work.path().resolve("data").resolve("objects");
    if (!Files.isDirectory(objects)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(objects)) {
      return files.filter(file -> file.getFileName().toString().endsWith("-rendition.mp4")).toList();
    }
  }

  private long deadJobs() throws SQLException {
    Path database = work.path().resolve("data").resolve("recordings.db");
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + database + "?mode=ro");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM jobs WHERE state = 'DEAD'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
