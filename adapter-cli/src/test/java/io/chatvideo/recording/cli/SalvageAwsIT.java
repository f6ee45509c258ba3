package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.aws.testing.SqsStandIn;
import io.chatvideo.recording.core.testing.Await;
import io.chatvideo.recording.http.support.CutShortCall;
import io.chatvideo.recording.http.support.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * A call whose browser never came back, on the aws backend as it runs in production: the server
 * jar over S3Proxy, DynamoDB Local and ElasticMQ, processing on with its jobs left to the worker
 * tier; the client sends {@value
 * #PARTS_SENT} parts of a real WebM (VP8 + Opus, no Duration, as MediaRecorder writes it) and is
 * gone. {@code recordings admin sweep --queue}, its clock two days on (the daily sweep an operator
 * schedules), completes the upload with those parts instead of aborting it; {@code recordings worker
 * --drain} processes it from SQS, and the API answers a COMPLETED, partial ({@code client_gone}) recording
 * whose seekable original and MP4 ffprobe finds playing to the last frame sent. Then the browser
 * comes back with the rest: it completes the replacement upload (the parts sent copied inside S3),
 * the worker processes the whole call, and the same recording is whole.
 */
@ExtendWith({AwsStandIns.class, SqsStandIn.class})
class SalvageAwsIT {

  private static final int SECONDS = 10;
  private static final int PARTS_SENT = 3;
  private static final Duration READY = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path work;

  private final String name = "cli-salvage-" + UUID.randomUUID().toString().substring(0, 8);
  private ServerProcess server;

  @BeforeAll
  static void standInCredentials() {
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    System.setProperty("aws.accessKeyId", credentials.accessKeyId());
    System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    AwsStandIns.deleteTable(name);
  }

  @Test
  void theDailySweepCompletesAnUploadWhoseClientNeverCameBackAndABrowserThatComesBackReplacesItWithTheWholeCall()
      throws Exception {
    byte[] webm = CutShortCall.record(work.resolve("call.webm"), SECONDS);
    AwsCredentials credentials = AwsStandIns.credentials().resolveCredentials();
    server = ServerFixture.start(work, Map.ofEntries(
        Map.entry("RECORDING_BACKEND", "aws"),
        Map.entry("RECORDING_AUTH_ALLOW_DEV_WITH_AWS", "true"),
        Map.entry("RECORDING_AWS_REGION", "us-east-1"),
        Map.entry("RECORDING_AWS_BUCKET", name),
        Map.entry("RECORDING_AWS_TABLE", name),
        Map.entry("RECORDING_AWS_QUEUE", name),
        Map.entry("RECORDING_AWS_BOOTSTRAP", "true"),
        Map.entry("RECORDING_AWS_S3_ENDPOINT", AwsStandIns.s3Endpoint().toString()),
        Map.entry("RECORDING_AWS_DYNAMODB_ENDPOINT", AwsStandIns.dynamoDbEndpoint().toString()),
        Map.entry("RECORDING_AWS_SQS_ENDPOINT", SqsStandIn.endpoint().toString()),
        Map.entry("RECORDING_AWS_PATH_STYLE", "true"),
        Map.entry("RECORDING_PROCESSING_ENABLED", "true"),
        // The worker runs below on the machine's clock; the server's own would take the job while
        // the sweep, two days ahead, still runs and finds it running since "two days ago".
        Map.entry("RECORDING_PROCESSING_WORKERS", "0"),
        Map.entry("AWS_ACCESS_KEY_ID", credentials.accessKeyId()),
        Map.entry("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey())));
    String token = call("POST", "/dev/token", null, "{\"email\":\"gone@example.com\"}", 200).get("token").asText();
    JsonNode ticket = call("POST", "/recordings/multipart", token,
        "{\"room_id\":\"salvage-room\",\"filename\":\"call.webm\",\"content_type\":\"video/webm;codecs=vp8,opus\"}", 201);
    String id = ticket.get("recording_id").asText();
    int partSize = ticket.get("min_part_size").asInt();
    assertThat(webm.length).as("the test file holds more than the parts sent").isGreaterThan(PARTS_SENT * partSize);
    putParts(token, id, webm, partSize, 1, PARTS_SENT);
    // The client is gone. Two days later the operator's daily sweep runs.

    Cli cli = new Cli(work.resolve("home")).with("--backend", "aws", "--region", "us-east-1", "--bucket", name,
        "--table", name, "--queue", name, "--s3-endpoint", AwsStandIns.s3Endpoint().toString(),
        "--dynamodb-endpoint", AwsStandIns.dynamoDbEndpoint().toString(),
        "--sqs-endpoint", SqsStandIn.endpoint().toString(), "--path-style");
    cli.clock = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
    Cli.Result sweep = cli.run("admin", "sweep");
    assertThat(sweep.exitCode()).as(sweep.err()).isZero();
    assertThat(sweep.out()).contains("completed 1 uploads their clients never finished as partial recordings",
        "0 abandoned");
    assertThat(call("GET", "/recordings/" + id, token, null, 200).get("processing").asText()).isEqualTo("queued");
    cli.clock = Clock.systemUTC();
    Cli.Result worker = cli.run("worker", "--drain");
    assertThat(worker.exitCode()).as(worker.err()).isZero();
    assertThat(worker.out()).contains("recording " + id + ": ready");

    JsonNode ready = Await.until("the salvaged recording to be processed", READY, () -> {
      JsonNode recording = call("GET", "/recordings/" + id, token, null, 200);
      assertThat(recording.path("processing").asText()).as("%s", recording).isIn("queued", "running", "ready");
      return recording.path("processing").asText().equals("ready") ? Optional.of(recording) : Optional.empty();
    });
    assertThat(ready.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(ready.get("partial").asBoolean()).isTrue();
    assertThat(ready.get("partial_reason").asText()).isEqualTo("client_gone");

    double cut = CutShortCall.lastVideoPacketSeconds(Files.write(work.resolve("parts-sent.webm"),
        Arrays.copyOf(webm, PARTS_SENT * partSize)));
    for (JsonNode rendition : ready.get("renditions")) {
      Path file = work.resolve("salvaged." + rendition.get("format").asText());
      HttpResponse<Path> download = HTTP.send(HttpRequest.newBuilder(URI.create(rendition.get("download_url").asText()))
          .build(), HttpResponse.BodyHandlers.ofFile(file));
      assertThat(download.statusCode()).as("GET the %s", file.getFileName()).isEqualTo(200);
      double seconds = Double.parseDouble(CutShortCall.run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
          "csv=p=0", file.toString()).strip());
      assertThat(seconds).as("%s: duration, to the last frame of the parts sent (%.3f s)", file.getFileName(), cut)
          .isCloseTo(cut, within(0.25)).isLessThan(SECONDS - 1);
      assertThat(CutShortCall.run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"))
          .as("%s decodes to its end without an error", file.getFileName()).isBlank();
    }
    assertThat(ready.get("renditions")).extracting(r -> r.get("format").asText()).containsExactlyInAnyOrder("webm",
        "mp4");

    // The browser comes back with the rest of the call in its journal: the replacement upload holds
    // S3's own copies (UploadPartCopy) of the parts sent, and the client sends only the others.
    JsonNode replacement = call("POST", "/recordings/" + id + "/replacement", token, "", 200);
    List<String> etags = new ArrayList<>();
    for (JsonNode part : replacement.get("parts")) {
      assertThat(part.get("part_number").asInt()).isEqualTo(etags.size() + 1);
      assertThat(part.get("size").asLong()).isEqualTo(partSize);
      etags.add(part.get("etag").asText());
    }
    assertThat(etags).as("copies of the parts the server had").hasSize(PARTS_SENT);
    int total = (webm.length + partSize - 1) / partSize;
    etags.addAll(putParts(token, id, webm, partSize, PARTS_SENT + 1, total));
    StringBuilder completion = new StringBuilder("{\"parts\":[");
    for (int number = 1; number <= total; number++) {
      completion.append(number == 1 ? "" : ",").append("{\"part_number\":").append(number).append(",\"etag\":")
          .append(JSON.writeValueAsString(etags.get(number - 1))).append('}');
    }
    JsonNode completed = call("POST", "/recordings/" + id + "/complete", token, completion.append("]}").toString(), 200);
    assertThat(completed.get("partial").asBoolean()).as("%s", completed).isFalse();
    assertThat(completed.get("processing").asText()).isEqualTo("queued");
    Cli.Result again = cli.run("worker", "--drain");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("recording " + id + ": ready");

    JsonNode whole = call("GET", "/recordings/" + id, token, null, 200);
    assertThat(whole.get("processing").asText()).isEqualTo("ready");
    assertThat(whole.get("partial").asBoolean()).isFalse();
    assertThat(call("GET", "/recordings", token, null, 200).get("recordings"))
        .filteredOn(r -> r.get("recording_id").asText().equals(id)).as("listed once").hasSize(1);
    double end = CutShortCall.lastVideoPacketSeconds(work.resolve("call.webm"));
    for (JsonNode rendition : whole.get("renditions")) {
      Path file = work.resolve("whole." + rendition.get("format").asText());
      HttpResponse<Path> download = HTTP.send(HttpRequest.newBuilder(URI.create(rendition.get("download_url").asText()))
          .build(), HttpResponse.BodyHandlers.ofFile(file));
      assertThat(download.statusCode()).as("GET the %s", file.getFileName()).isEqualTo(200);
      double seconds = Double.parseDouble(CutShortCall.run("ffprobe", "-v", "error", "-show_entries", "format=duration",
          "-of", "csv=p=0", file.toString()).strip());
      assertThat(seconds).as("%s: the whole call (%.3f s)", file.getFileName(), end).isCloseTo(end, within(0.25));
    }
    call("POST", "/recordings/" + id + "/replacement", token, "", 409);
  }

  /** PUTs parts {@code from} to {@code to} of the file, as the web client sends them; answers their ETags. */
  private List<String> putParts(String token, String id, byte[] webm, int partSize, int from, int to)
      throws IOException, InterruptedException {
    StringBuilder parts = new StringBuilder();
    for (int number = from; number <= to; number++) {
      parts.append(number == from ? "" : ",").append("{\"part_number\":").append(number).append(",\"size\":")
          .append(Math.min(partSize, webm.length - (long) (number - 1) * partSize)).append('}');
    }
    List<String> etags = new ArrayList<>();
    for (JsonNode part : call("POST", "/recordings/" + id + "/parts", token, "{\"parts\":[" + parts + "]}", 200)
        .get("parts")) {
      int number = part.get("part_number").asInt();
      HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(part.get("upload_url").asText()))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(webm, (number - 1) * partSize,
              Math.min(webm.length, number * partSize))));
      part.get("upload_headers").fields().forEachRemaining(header -> {
        if (!header.getKey().equalsIgnoreCase("Content-Length")) {
          put.header(header.getKey(), header.getValue().asText());
        }
      });
      HttpResponse<Void> answer = HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding());
      assertThat(answer.statusCode()).as("PUT part %d", number).isEqualTo(200);
      etags.add(answer.headers().firstValue("ETag").orElseThrow());
    }
    return etags;
  }

  private JsonNode call(String method, String path, String token, String body, int expected) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expected);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
