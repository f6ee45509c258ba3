package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.cli.client.RecordingsApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UploadCommandTest {

  static final String ID = "0b6e0b6e-0000-4000-8000-000000000001";
  static final int MiB = 1024 * 1024;

  @TempDir
  Path home;

  StubApi api;
  /** Part number whose PUT the store answers with {@link #failStatus}, the first {@link #failTimes} times. */
  int failPart = -1;
  int failStatus = 500;
  int failTimes = Integer.MAX_VALUE;
  final AtomicInteger failed = new AtomicInteger();
  /** The first completion completes but its answer is lost (502), so the retry meets a 409. */
  boolean loseFirstCompletion;
  /** What the store answers the single PUTs, in turn, after it stored the bytes; 200 once these run out. */
  final Deque<Integer> singlePutAnswers = new ArrayDeque<>();
  final AtomicInteger completions = new AtomicInteger();

  static final String COMPLETED = "{\"recording_id\":\"" + ID + "\",\"room_id\":\"r1\",\"status\":\"COMPLETED\"}";

  @BeforeEach
  void start() throws IOException {
    api = new StubApi()
        .on("/recordings", (request, exchange) -> {
          String path = request.path();
          if (path.equals("/recordings/upload-url")) {
            JsonNode body = RecordingsApi.JSON.readTree(request.body());
            StubApi.json(exchange, 201, """
                {"upload_url":"/put/single?sig=1","recording_id":"%s","s3_key":"k","expires_in":1800,
                 "upload_headers":{"Content-Type":"%s","Content-Length":"%d","x-amz-meta-room":"r1"}}"""
                .formatted(ID, body.get("content_type").asText(), body.get("size").asLong()));
          } else if (path.equals("/recordings/multipart")) {
            StubApi.json(exchange, 200, "{\"recording_id\":\"" + ID + "\",\"s3_key\":\"k\",\"upload_id\":\"u1\","
                + "\"min_part_size\":5242880}");
          } else if (path.equals("/recordings/" + ID + "/parts")) {
            StringBuilder parts = new StringBuilder();
            for (JsonNode part : RecordingsApi.JSON.readTree(request.body()).get("parts")) {
              int number = part.get("part_number").asInt();
              parts.append(parts.length() == 0 ? "" : ",").append("{\"part_number\":").append(number)
                  .append(",\"upload_url\":\"/put/part?n=").append(number)
                  .append("\",\"upload_headers\":{},\"expires_in\":1800}");
            }
            StubApi.json(exchange, 200, "{\"parts\":[" + parts + "]}");
          } else if (path.equals("/recordings/" + ID + "/complete")) {
            int attempt = completions.incrementAndGet();
            if (loseFirstCompletion && attempt == 1) {
              StubApi.problem(exchange, 502, "Bad Gateway", "the answer got lost");
            } else if (loseFirstCompletion) {
              StubApi.problem(exchange, 409, "Conflict", "recording " + ID + " is COMPLETED");
            } else {
              StubApi.json(exchange, 200, COMPLETED);
            }
          } else if (path.equals("/recordings/" + ID) && request.method().equals("GET")) {
            StubApi.json(exchange, 200, COMPLETED);
          } else if (path.equals("/recordings/" + ID + "/upload") && request.method().equals("DELETE")) {
            StubApi.send(exchange, 204, "application/json", new byte[0]);
          } else {
            StubApi.problem(exchange, 404, "Not Found", "no route " + path);
          }
        })
        .on("/put/", (request, exchange) -> {
          String query = request.query();
          if (query.equals("sig=1") && !singlePutAnswers.isEmpty()) {
            StubApi.send(exchange, singlePutAnswers.removeFirst(), "text/plain", new byte[0]);
            return;
          }
          if (query.equals("n=" + failPart) && failed.getAndIncrement() < failTimes) {
            StubApi.send(exchange, failStatus, "text/plain", "boom".getBytes());
            return;
          }
          exchange.getResponseHeaders().set("ETag", "\"etag-" + query + "\"");
          StubApi.send(exchange, 200, "text/plain", new byte[0]);
        });
  }

  @AfterEach
  void stop() {
    api.close();
  }

  Cli.Result upload(String... args) {
    return new Cli(home).with("--api", api.url().toString(), "--token", "t").run(args);
  }

  Path file(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(3).nextBytes(bytes);
    return Files.write(home.resolve(name), bytes);
  }

  @Test
  void aSmallFileGoesUpInOnePutWithExactlyTheSignedHeaders() throws IOException {
    Path file = file("call.m4a", 70_000);

    Cli.Result result = upload("upload", file.toString(), "--room", "r1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    JsonNode request = RecordingsApi.JSON.readTree(api.requests("POST", "/recordings/upload-url").get(0).body());
    assertThat(request.get("room_id").asText()).isEqualTo("r1");
    assertThat(request.get("filename").asText()).isEqualTo("call.m4a");
    assertThat(request.get("content_type").asText()).isEqualTo("audio/mp4");
    assertThat(request.get("size").asLong()).isEqualTo(70_000);
    StubApi.Request put = api.requests("PUT", "/put/").get(0);
    assertThat(put.body()).isEqualTo(Files.readAllBytes(file));
    assertThat(put.header("Content-Type")).isEqualTo("audio/mp4");
    assertThat(put.header("x-amz-meta-room")).isEqualTo("r1");
    assertThat(put.header("Authorization")).isNull();
    assertThat(api.requests("POST", "/recordings/" + ID + "/complete")).hasSize(1);
    assertThat(result.out()).contains("as recording " + ID + " in room r1 (68 KiB)");
  }

  @Test
  void aLargeFileGoesUpInPartsStreamedFromDiskAndIsCompletedWithTheirEtags() throws IOException {
    Path file = file("call.webm", 11 * MiB);

    Cli.Result result = upload("upload", file.toString(), "--room", "r1", "--multipart-threshold", "1MiB",
        "--part-size", "5MiB");

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<StubApi.Request> puts = api.requests("PUT", "/put/");
    assertThat(puts).extracting(p -> p.body().length).containsExactly(5 * MiB, 5 * MiB, MiB);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (StubApi.Request put : puts) {
      joined.write(put.body());
    }
    assertThat(joined.toByteArray()).isEqualTo(Files.readAllBytes(file));
    JsonNode complete = RecordingsApi.JSON.readTree(api.requests("POST", "/recordings/" + ID + "/complete").get(0).body());
    assertThat(complete.get("parts").toString()).isEqualTo(
        "[{\"part_number\":1,\"etag\":\"\\\"etag-n=1\\\"\"},{\"part_number\":2,\"etag\":\"\\\"etag-n=2\\\"\"},"
            + "{\"part_number\":3,\"etag\":\"\\\"etag-n=3\\\"\"}]");
    assertThat(result.out()).contains("11 MiB, 3 parts");
  }

  Cli.Result uploadInParts(Path file) {
    return upload("upload", file.toString(), "--room", "r1", "--multipart-threshold", "1MiB", "--part-size", "5MiB",
        "--retry-delay", "1ms");
  }

  @Test
  void aPartThatFailsOnceIsTriedAgainAndTheUploadCompletes() throws IOException {
    failPart = 2;
    failTimes = 1;
    Path file = file("call.webm", 11 * MiB);

    Cli.Result result = uploadInParts(file);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(api.requests("PUT", "/put/")).extracting(StubApi.Request::query)
        .containsExactly("n=1", "n=2", "n=2", "n=3");
    assertThat(result.err()).contains("part 2 failed (try 1 of 6), trying again in")
        .contains("the storage refused the upload (HTTP 500): boom");
    JsonNode complete = RecordingsApi.JSON.readTree(api.requests("POST", "/recordings/" + ID + "/complete").get(0).body());
    assertThat(complete.get("parts")).hasSize(3);
    assertThat(api.requests("DELETE", "/recordings/" + ID + "/upload")).isEmpty();
  }

  @Test
  void aRefusedPartUrlIsSignedAfreshAndTriedAgain() throws IOException {
    failPart = 3;
    failStatus = 403;
    failTimes = 1;
    Path file = file("call.webm", 11 * MiB);

    Cli.Result result = uploadInParts(file);

    assertThat(result.exitCode()).as(result.err()).isZero();
    List<StubApi.Request> signings = api.requests("POST", "/recordings/" + ID + "/parts");
    assertThat(signings).extracting(UploadCommandTest::partsSigned)
        .containsExactly("1:" + 5 * MiB + " 2:" + 5 * MiB + " 3:" + MiB, "3:" + MiB);
    assertThat(result.err()).contains("the storage refused the URL of part 3 (HTTP 403); signing a fresh one");
    assertThat(api.requests("POST", "/recordings/" + ID + "/complete")).hasSize(1);
  }

  /** "number:size" of each part a signing asked for, space-separated. */
  private static String partsSigned(StubApi.Request signing) {
    try {
      StringBuilder parts = new StringBuilder();
      for (JsonNode part : RecordingsApi.JSON.readTree(signing.body()).get("parts")) {
        parts.append(parts.length() == 0 ? "" : " ").append(part.get("part_number").asInt()).append(':')
            .append(part.get("size").asLong());
      }
      return parts.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aPartThatKeepsFailingIsTriedSixTimesAndTheUploadIsAborted() throws IOException {
    failPart = 2;
    Path file = file("call.webm", 11 * MiB);

    Cli.Result result = uploadInParts(file);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).endsWith("error: the storage refused the upload (HTTP 500): boom\n");
    assertThat(api.requests("PUT", "/put/")).filteredOn(r -> r.query().equals("n=2")).hasSize(6);
    assertThat(api.requests("DELETE", "/recordings/" + ID + "/upload")).hasSize(1);
    assertThat(api.requests("POST", "/recordings/" + ID + "/complete")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {412, 409})
  void aRetriedPutRefusedAsAlreadyUsedCompletesSinceTheLostFirstTryStoredTheBytes(int refusal) throws IOException {
    singlePutAnswers.addAll(List.of(502, refusal));
    Path file = file("call.webm", 70_000);

    Cli.Result result = upload("upload", file.toString(), "--room", "r1", "--retry-delay", "1ms");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(api.requests("PUT", "/put/")).hasSize(2);
    assertThat(api.requests("POST", "/recordings/" + ID + "/complete")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {412, 409})
  void aFirstPutRefusedAsAlreadyUsedFailsWithoutCompleting(int refusal) throws IOException {
    singlePutAnswers.add(refusal);
    Path file = file("call.webm", 70_000);

    Cli.Result result = upload("upload", file.toString(), "--room", "r1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("HTTP " + refusal);
    assertThat(api.requests("POST", "/recordings/" + ID + "/complete")).isEmpty();
  }

  @Test
  void aClientErrorOfTheStoreIsNotTriedAgain() throws IOException {
    failPart = 1;
    failStatus = 400;
    Path file = file("call.webm", 11 * MiB);

    Cli.Result result = uploadInParts(file);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(api.requests("PUT", "/put/")).hasSize(1);
    assertThat(result.err()).doesNotContain("trying again");
    assertThat(api.requests("DELETE", "/recordings/" + ID + "/upload")).hasSize(1);
  }

  @Test
  void aCompletionWhoseAnswerWasLostIsFoundCompleted() throws IOException {
    loseFirstCompletion = true;
    Path file = file("call.webm", 11 * MiB);

    Cli.Result result = uploadInParts(file);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(api.requests("POST", "/recordings/" + ID + "/complete")).hasSize(2);
    assertThat(api.requests("GET", "/recordings/" + ID)).hasSize(1);
    assertThat(api.requests("DELETE", "/recordings/" + ID + "/upload")).isEmpty();
    assertThat(result.out()).contains("as recording " + ID);
  }

  @Test
  void aPartSizeUnderFiveMebibytesIsAUsageError() throws IOException {
    Path file = file("call.webm", 10);

    Cli.Result result = upload("upload", file.toString(), "--room", "r1", "--part-size", "1MiB");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--part-size must be 5 MiB to 5 GiB");
  }
}
