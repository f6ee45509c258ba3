package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCommandTest {

  static final String ID = "0b6e0b6e-0000-4000-8000-000000000001";
  static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  @TempDir
  Path home;

  StubApi api;
  byte[] video = new byte[300_000];
  boolean honourRanges = true;
  String filename = "call.webm";
  long announcedSize;
  /** What the store does to the first download request: nothing, a status, or a body cut short. */
  int firstStatus = 200;
  boolean firstBreaksOff;
  /** The signature the store accepts; the API hands out sig=abc first and sig=fresh after. */
  String acceptedSignature = "sig=abc";
  final AtomicInteger recordingReads = new AtomicInteger();
  final AtomicInteger objectReads = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    new Random(7).nextBytes(video);
    announcedSize = video.length;
    api = new StubApi()
        .on("/recordings/", (request, exchange) -> {
          if (!request.path().equals("/recordings/" + ID)) {
            StubApi.problem(exchange, 404, "Not Found", "recording " + request.path().substring(12) + " not found");
            return;
          }
          String signature = recordingReads.getAndIncrement() == 0 ? "sig=abc" : "sig=fresh";
          StubApi.json(exchange, 200, """
              {"recording_id":"%s","room_id":"r1","filename":"%s","size":%d,"status":"COMPLETED",
               "created_at":"2025-06-01T10:00:00Z","expires_at":"2025-07-01T10:00:00Z",
               "download_url":"/objects/key?%s"}""".formatted(ID, filename, announcedSize, signature));
        })
        .on("/objects/", this::serveObject);
  }

  private void serveObject(StubApi.Request request, HttpExchange exchange) throws IOException {
    boolean first = objectReads.getAndIncrement() == 0;
    if (!request.query().equals(acceptedSignature)) {
      StubApi.send(exchange, 403, "text/plain", "expired".getBytes());
      return;
    }
    if (first && firstStatus != 200) {
      StubApi.send(exchange, firstStatus, "text/plain", "busy".getBytes());
      return;
    }
    if (first && firstBreaksOff) {
      exchange.sendResponseHeaders(200, video.length);
      exchange.getResponseBody().write(video, 0, 100_000);
      exchange.getResponseBody().flush();
      // Closing the exchange short of its length drops the connection: the client sees the body break off.
      return;
    }
    String range = request.header("Range");
    Matcher matcher = range == null ? null : RANGE.matcher(range);
    if (honourRanges && matcher != null && matcher.matches()) {
      int from = Integer.parseInt(matcher.group(1));
      exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (video.length - 1) + "/" + video.length);
      StubApi.send(exchange, 206, "video/webm", Arrays.copyOfRange(video, from, video.length));
    } else {
      StubApi.send(exchange, 200, "video/webm", video);
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  Cli.Result download(String... args) {
    return new Cli(home).with("--api", api.url().toString(), "--token", "t", "--retry-delay", "1ms").run(args);
  }

  @Test
  void downloadsUnderTheRecordingsNameIntoTheOutputDirectory() throws IOException {
    Path dir = home.resolve("out");

    Cli.Result result = download("download", ID, "-o", dir + "/");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("call.webm"))).isEqualTo(video);
    assertThat(dir.resolve("call.webm.part")).doesNotExist();
    assertThat(result.out()).contains("downloaded " + ID + " -> " + dir.resolve("call.webm"));
    StubApi.Request objectRequest = api.requests("GET", "/objects/").get(0);
    assertThat(objectRequest.header("Authorization")).as("the bearer token stays with the API").isNull();
    assertThat(objectRequest.header("Range")).isNull();
  }

  @Test
  void resumesAPartialFileWithARangeRequest() throws IOException {
    Path target = home.resolve("mine.webm");
    Files.write(home.resolve("mine.webm.part"), Arrays.copyOf(video, 100_000));

    Cli.Result result = download("download", ID, "-o", target.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(api.requests("GET", "/objects/").get(0).header("Range")).isEqualTo("bytes=100000-");
    assertThat(Files.readAllBytes(target)).isEqualTo(video);
    assertThat(result.err()).contains("resuming mine.webm at byte 100000");
    assertThat(result.out()).contains("resumed at byte 100000");
  }

  @Test
  void startsOverWhenTheServerIgnoresTheRange() throws IOException {
    honourRanges = false;
    Path target = home.resolve("mine.webm");
    Files.write(home.resolve("mine.webm.part"), new byte[50_000]);

    Cli.Result result = download("download", ID, "-o", target.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(target)).isEqualTo(video);
    assertThat(result.err()).contains("starting mine.webm.part over");
  }

  @Test
  void aSizeThatDoesNotMatchTheRecordingFailsAndKeepsNoFinalFile() {
    announcedSize = video.length + 10;
    Path target = home.resolve("mine.webm");

    Cli.Result result = download("download", ID, "-o", target.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("sends " + video.length + " bytes").contains("has " + announcedSize);
    assertThat(target).doesNotExist();
  }

  @Test
  void aHostileFilenameIsSanitizedToStayInTheOutputDirectory() throws IOException {
    filename = "../../evil.webm";
    Path dir = Files.createDirectories(home.resolve("out"));

    Cli.Result result = download("download", ID, "-o", dir.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(dir.resolve("evil.webm")).exists();
    assertThat(home.resolve("evil.webm")).doesNotExist();
  }

  @Test
  void anUnknownIdGivesTheServersMessageAndExitOne() {
    String unknown = "0b6e0b6e-0000-4000-8000-00000000dead";

    Cli.Result result = download("download", unknown);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: recording " + unknown + " not found\n");
  }

  @Test
  void anExistingCompleteFileIsNotDownloadedAgain() throws IOException {
    Path target = Files.write(home.resolve("mine.webm"), video);

    Cli.Result result = download("download", ID, "-o", target.toString());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("already downloaded");
    assertThat(api.requests("GET", "/objects/")).isEmpty();
  }

  @Test
  void anExistingDifferentFileIsNotOverwritten() throws IOException {
    Path target = Files.writeString(home.resolve("mine.webm"), "precious");

    Cli.Result result = download("download", ID, "-o", target.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("already exists");
    assertThat(Files.readString(target)).isEqualTo("precious");
  }

  @Test
  void aServerErrorOfTheStoreIsTriedAgain() throws IOException {
    firstStatus = 503;
    Path target = home.resolve("mine.webm");

    Cli.Result result = download("download", ID, "-o", target.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(target)).isEqualTo(video);
    assertThat(result.err()).contains("downloading " + ID + " failed (try 1 of 6)").contains("HTTP 503");
    assertThat(api.requests("GET", "/objects/")).hasSize(2);
  }

  @Test
  void aDownloadThatBreaksOffResumesInTheSameRun() throws IOException {
    firstBreaksOff = true;
    Path target = home.resolve("mine.webm");

    Cli.Result result = download("download", ID, "-o", target.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(target)).isEqualTo(video);
    // The store wrote 100,000 bytes before it dropped the connection; the kernel may discard the
    // last of them in flight when the drop is a reset, so the client resumes from what it received.
    Matcher brokeOff = Pattern.compile("the download broke off after (\\d+) bytes").matcher(result.err());
    assertThat(brokeOff.find()).as(result.err()).isTrue();
    long received = Long.parseLong(brokeOff.group(1));
    assertThat(received).isBetween(1L, 100_000L);
    assertThat(api.requests("GET", "/objects/")).extracting(r -> r.header("Range"))
        .containsExactly(null, "bytes=" + received + "-");
  }

  @Test
  void aRefusedDownloadLinkIsReplacedByAFreshOne() throws IOException {
    acceptedSignature = "sig=fresh";
    Path target = home.resolve("mine.webm");

    Cli.Result result = download("download", ID, "-o", target.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(target)).isEqualTo(video);
    assertThat(api.requests("GET", "/recordings/" + ID)).hasSize(2);
    assertThat(api.requests("GET", "/objects/")).extracting(StubApi.Request::query)
        .containsExactly("sig=abc", "sig=fresh");
  }
}
