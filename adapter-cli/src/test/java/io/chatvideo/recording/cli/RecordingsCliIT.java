package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatvideo.recording.cli.client.RecordingsApi;
import io.chatvideo.recording.cli.config.TokenStore;
import io.chatvideo.recording.cli.transfer.Downloader;
import io.chatvideo.recording.http.support.ServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The CLI against the real server (local backend) over a socket: every user command, end to end. */
class RecordingsCliIT extends AgainstServer {

  static final Pattern RECORDING_ID = Pattern.compile("recording ([0-9a-f-]{36})");
  static final int MiB = 1024 * 1024;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  RecordingsCliIT() {
    super("ann@example.com");
  }

  Path video(String name, int size, long seed) throws IOException {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return Files.write(home.resolve(name), bytes);
  }

  String upload(Path file, String room, String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "upload";
    args[1] = file.toString();
    args[2] = "--room=" + room;
    System.arraycopy(extra, 0, args, 3, extra.length);
    Cli.Result result = cli.run(args);
    assertThat(result.exitCode()).as(result.err() + server.output()).isZero();
    Matcher matcher = RECORDING_ID.matcher(result.out());
    assertThat(matcher.find()).as(result.out()).isTrue();
    return matcher.group(1);
  }

  @Test
  void uploadListDownloadDeleteRoundTrip() throws IOException {
    Path original = video("standup.webm", 300_000, 1);

    String id = upload(original, "room-trip");

    Cli.Result list = cli.run("list", "--room", "room-trip");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out()).containsPattern(id + " +room-trip +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +(-|\\d+:\\d\\d) +293 KiB +.* COMPLETED +"
        + "(queued|running|ready|failed|off)");

    Path downloads = home.resolve("downloads");
    Cli.Result download = cli.run("download", id, "-o", downloads + "/");
    assertThat(download.exitCode()).as(download.err()).isZero();
    assertThat(Files.readAllBytes(downloads.resolve("standup.webm"))).isEqualTo(Files.readAllBytes(original));

    Cli.Result delete = cli.run("delete", id);
    assertThat(delete.exitCode()).as(delete.err()).isZero();
    assertThat(cli.run("list", "--room", "room-trip").out()).doesNotContain(id);
    Cli.Result gone = cli.run("download", id, "-o", home.resolve("again").toString());
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("not found");
  }

  @Test
  void aLargeFileIsUploadedInPartsAndDownloadsIdentical() throws IOException {
    Path original = video("long-call.webm", 11 * MiB, 2);

    String id = upload(original, "room-multi", "--multipart-threshold=5MiB", "--part-size=5MiB");

    Path copy = home.resolve("copy.webm");
    Cli.Result download = cli.run("download", id, "-o", copy.toString());
    assertThat(download.exitCode()).as(download.err()).isZero();
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(original));
  }

  @Test
  void partsThatFailOrWhoseUrlIsRefusedAreTriedAgainAndTheUploadCompletes() throws IOException {
    Path original = video("flaky-call.webm", 11 * MiB, 8);
    // Object PUTs in order: part 1; part 2 (fails, 500); part 2 again; part 3 (refused, 403); part 3 again.
    try (FaultyProxy proxy = FaultyProxy.in(server.uri()).failObjectPut(2, 500).failObjectPut(4, 403)) {
      ServerFixture.logIn(cli, proxy.url(), "ann@example.com");

      Cli.Result result = cli.run("upload", original.toString(), "--room=room-flaky", "--multipart-threshold=5MiB",
          "--part-size=5MiB", "--retry-delay=1ms");

      assertThat(result.exitCode()).as(result.err() + server.output()).isZero();
      assertThat(result.out()).contains("11 MiB, 3 parts");
      assertThat(result.err()).contains("part 2 failed (try 1 of 6)").contains("HTTP 500")
          .contains("the storage refused the URL of part 3 (HTTP 403); signing a fresh one");
      assertThat(proxy.seen("PUT", "/objects/")).hasSize(5);
      assertThat(proxy.seen("POST", "/recordings/")).filteredOn(s -> s.path().endsWith("/parts")).hasSize(2);
      assertThat(proxy.seen("DELETE", "/recordings/")).isEmpty();

      Matcher id = RECORDING_ID.matcher(result.out());
      assertThat(id.find()).isTrue();
      Path copy = home.resolve("flaky-copy.webm");
      Cli.Result download = cli.run("download", id.group(1), "-o", copy.toString());
      assertThat(download.exitCode()).as(download.err()).isZero();
      assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(original));
    }
  }

  @Test
  void anInterruptedDownloadResumesWithARangeRequest() throws IOException {
    Path original = video("resume.webm", 2 * MiB + 123, 3);
    String id = upload(original, "room-resume");
    byte[] bytes = Files.readAllBytes(original);
    Path target = home.resolve("resumed.webm");
    Files.write(Downloader.partFile(target), Arrays.copyOf(bytes, 700_000));

    Cli.Result download = cli.run("download", id, "-o", target.toString());

    assertThat(download.exitCode()).as(download.err()).isZero();
    assertThat(download.err()).contains("resuming resumed.webm at byte 700000")
        .doesNotContain("does not resume");
    assertThat(download.out()).contains("resumed at byte 700000");
    assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    assertThat(Downloader.partFile(target)).doesNotExist();
  }

  @Test
  void aWholeRoomDownloadsIntoADirectory() throws IOException {
    String first = upload(video("a.webm", 1000, 4), "room-all");
    String second = upload(video("b.mp4", 2000, 5), "room-all");

    Cli.Result download = cli.run("download", "--room", "room-all", "--all", "-o", home.resolve("room").toString());

    assertThat(download.exitCode()).as(download.err()).isZero();
    assertThat(download.out()).contains(first).contains(second);
    assertThat(home.resolve("room/a.webm")).hasSize(1000);
    assertThat(home.resolve("room/b.mp4")).hasSize(2000);
  }

  @Test
  void listJsonPrintsWhatTheApiSentEveryField() throws IOException, InterruptedException {
    upload(video("j.m4a", 5000, 6), "room-json");
    String token = RecordingsApi.JSON.readTree(api("POST", "/dev/token", null,
        "{\"email\":\"ann@example.com\"}")).get("token").asText();
    JsonNode ticket = RecordingsApi.JSON.readTree(api("POST", "/recordings/upload-url", token,
        "{\"room_id\":\"room-json\",\"content_type\":\"video/webm\",\"size\":3,"
            + "\"participants\":[\"bob@example.com\"]}"));
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(ticket.get("upload_url").asText()))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}));
    ticket.get("upload_headers").fields().forEachRemaining(h -> {
      if (!h.getKey().equalsIgnoreCase("Content-Length")) {
        put.header(h.getKey(), h.getValue().asText());
      }
    });
    assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    api("POST", "/recordings/" + ticket.get("recording_id").asText() + "/complete", token, "{\"duration_ms\":61000}");

    Cli.Result list = cli.run("list", "--room", "room-json", "--json");

    assertThat(list.exitCode()).as(list.err()).isZero();
    JsonNode printed = RecordingsApi.JSON.readTree(list.out());
    JsonNode sent = RecordingsApi.JSON.readTree(api("GET", "/recordings?room_id=room-json", token, null))
        .get("recordings");
    assertThat(printed).hasSize(2);
    for (int i = 0; i < 2; i++) {
      // Each answer signs its download URLs afresh; every other field is the same.
      assertThat(printed.get(i).get("download_url").asText()).startsWith(server.uri().toString());
      assertThat(withoutDownloadUrl(printed.get(i))).isEqualTo(withoutDownloadUrl(sent.get(i)));
    }
    assertThat(printed.get(0).get("participants").get(0).asText()).isEqualTo("bob@example.com");
    assertThat(printed.get(0).get("duration_ms").asLong()).isEqualTo(61000);
    assertThat(printed.get(1).get("content_type").asText()).isEqualTo("audio/mp4");
    assertThat(printed.get(1).has("completed_at")).isTrue();
  }

  private static String api(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode() / 100).as(response.body()).isEqualTo(2);
    return response.body();
  }

  private static JsonNode withoutDownloadUrl(JsonNode recording) {
    return ((ObjectNode) recording.deepCopy()).without("download_url");
  }

  @Test
  void anUnknownIdGivesAClearMessageAndExitOne() {
    String unknown = "0b6e0b6e-0000-4000-8000-00000000dead";

    Cli.Result result = cli.run("download", unknown);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: ").contains("not found").doesNotContain("\tat ");
    assertThat(cli.run("delete", unknown).exitCode()).isEqualTo(1);
  }

  @Test
  void anUnreachableServerGivesAClearMessage() throws IOException {
    int port = closedPort();

    Cli.Result result = cli.run("list", "--api", "http://127.0.0.1:" + port, "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: cannot reach the recordings API at http://127.0.0.1:" + port)
        .doesNotContain("\tat ");
  }

  @Test
  void adminListSeesTheServersRecordingsInItsDataDirectory() throws IOException {
    String id = upload(video("admin.webm", 4096, 7), "room-admin");

    Cli.Result result = cli.run("admin", "list", "--all", "--data-dir", server.dataDirectory().toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).containsPattern(id + " +room-admin +ann@example.com .* 4\\.0 KiB .* COMPLETED");
  }

  /** The fat jar as a user runs it, in an environment of its own; stdout and stderr together. */
  Cli.Result runJar(Map<String, String> environment, String... args) throws IOException, InterruptedException {
    Path jar = Path.of("target", "recordings.jar");
    assertThat(jar).as("mvn package builds the fat jar before the integration tests").isRegularFile();
    List<String> command = new ArrayList<>(List.of(ServerProcess.javaCommand(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("RECORDINGS_CONFIG_DIR", home.resolve("config").toString());
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Cli.Result(process.exitValue(), output, output);
  }

  @Test
  void theFatJarRunsAsACommand() throws IOException, InterruptedException {
    Cli.Result result = runJar(Map.of("RECORDINGS_API_URL", server.uri().toString()), "list", "--json");

    assertThat(result.exitCode()).as(result.out()).isZero();
    assertThat(RecordingsApi.JSON.readTree(result.out()).isArray()).as(result.out()).isTrue();
  }

  @Test
  void theJarTakesItsSettingsFromTheEnvironment() throws IOException, InterruptedException {
    String id = upload(video("env.webm", 2048, 9), "room-env");
    String token = new TokenStore(home.resolve("config")).tokenFor(server.uri()).orElseThrow();
    Map<String, String> noLogin = Map.of("RECORDINGS_CONFIG_DIR", home.resolve("elsewhere").toString());

    Cli.Result list = runJar(merge(noLogin, Map.of("RECORDINGS_API_URL", server.uri().toString(),
        "RECORDINGS_TOKEN", token)), "list", "--room", "room-env");
    Cli.Result badUrl = runJar(merge(noLogin, Map.of("RECORDINGS_API_URL", "localhost:8080")), "list");
    Cli.Result admin = runJar(Map.of("RECORDING_BACKEND", "local",
        "RECORDINGS_DATA_DIR", server.dataDirectory().toString()), "admin", "list", "--all");
    Cli.Result badBackend = runJar(Map.of("RECORDING_BACKEND", "ftp"), "admin", "sweep");
    // The region falls back to AWS_REGION (a nested ${env:…}); the bucket is the next thing missing.
    Cli.Result awsRegion = runJar(Map.of("RECORDING_BACKEND", "aws", "AWS_REGION", "eu-west-1"), "admin", "list");

    assertThat(list.exitCode()).as(list.out()).isZero();
    assertThat(list.out()).contains(id);
    assertThat(badUrl.exitCode()).isEqualTo(1);
    assertThat(badUrl.out())
        .contains("error: RECORDINGS_API_URL must be an http(s) URL like http://127.0.0.1:8080, was 'localhost:8080'");
    assertThat(admin.exitCode()).as(admin.out()).isZero();
    assertThat(admin.out()).contains(id);
    assertThat(badBackend.exitCode()).isEqualTo(1);
    assertThat(badBackend.out()).contains("recording.backend (RECORDING_BACKEND) 'ftp' is not a backend");
    assertThat(awsRegion.exitCode()).isEqualTo(1);
    assertThat(awsRegion.out()).contains("error: invalid configuration: recording.aws.bucket (RECORDING_AWS_BUCKET) "
        + "is required with the aws backend");
  }

  private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> all = new HashMap<>(a);
    all.putAll(b);
    return all;
  }

  /** A loopback port nothing listens on (the moment after this socket closes). */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
