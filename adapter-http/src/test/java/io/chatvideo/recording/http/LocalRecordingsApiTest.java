package io.chatvideo.recording.http;

import static io.chatvideo.recording.http.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The API on the embedded default (local disk + SQLite, dev tokens), over a socket; with its
 * {@code /objects/…} URLs: single-use uploads, ranged downloads with the signed headers, refusals
 * as problems that name no server path.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRecordingsApiTest extends RecordingsApiContract implements TestPropertyProvider {

  private static final int SIZE = 10_000;

  private final TempDirectory data = new TempDirectory("recordings-local-api");

  @Inject
  EmbeddedServer server;

  private Api api;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("recording.data-dir", data.path().toString());
  }

  @AfterAll
  void removeData() {
    data.close();
  }

  @Override
  Api api() {
    if (api == null) {
      api = new Api(server.getURI());
    }
    return api;
  }

  @Test
  void uploadUrlAcceptsTheSeedsContentTypeFieldAndSignsTheSize() {
    String token = api().devToken(user());

    Api.Reply reply = api().post("/recordings/upload-url", token,
        "{\"room_id\":\"" + room() + "\",\"contentType\":\"video/mp4\",\"size\":42,\"filename\":\"call.mp4\"}");

    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    JsonNode headers = reply.json().get("upload_headers");
    assertThat(headers.get("Content-Type").asText()).isEqualTo("video/mp4");
    assertThat(headers.get("Content-Length").asText()).isEqualTo("42");
    assertThat(reply.json().get("s3_key").asText()).endsWith(".mp4");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      content_type wins over contentType | "contentType":"audio/mp4","content_type":"video/mp4" | video/mp4
      explicit nulls are not given       | "filename":null,"content_type":null,"size":null     | video/webm
      unknown fields are ignored         | "colour":"blue"                                      | video/webm
      """)
  void uploadUrlBindsItsWireRecord(String scenario, String fields, String contentType) {
    Api.Reply reply = api().post("/recordings/upload-url", api().devToken(user()),
        "{\"room_id\":\"" + room() + "\"," + fields + "}");

    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    assertThat(reply.json().get("upload_headers").get("Content-Type").asText()).isEqualTo(contentType);
  }

  @Test
  void aHostileFilenameIsSanitizedNotAnError() {
    String token = api().devToken(user());
    String room = room();

    // A path, a quote and a soft hyphen between a letter and its combining mark.
    Api.Reply reply = api().post("/recordings/upload-url", token,
        "{\"room_id\":\"" + room + "\",\"filename\":\"../../a\\u00AD\\u0308\\\".webm\"}");

    assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    JsonNode entry = api().get("/recordings?room_id=" + room, token).json().get("recordings").get(0);
    assertThat(entry.get("filename").asText()).isEqualTo("\u00E4.webm");
  }

  @Test
  void pendingRecordingIsListedWithoutADownloadUrl() {
    String token = api().devToken(user());
    String room = room();
    api().post("/recordings/upload-url", token, "{\"room_id\":\"" + room + "\"}");

    JsonNode entry = api().get("/recordings?room_id=" + room, token).json().get("recordings").get(0);

    assertThat(entry.get("status").asText()).isEqualTo("PENDING");
    assertThat(entry.has("download_url")).isTrue();
    assertThat(entry.get("download_url").isNull()).isTrue();
  }

  @Test
  void listingPagesWithLimitAndNextTokenShowEachRecordingOnce() {
    String token = api().devToken(user());
    String room = room();
    for (int i = 0; i < 5; i++) {
      api().post("/recordings/upload-url", token, "{\"room_id\":\"" + room + "\"}");
    }

    Set<String> seen = new HashSet<>();
    String next = null;
    int pages = 0;
    do {
      Api.Reply page = api().get("/recordings?room_id=" + room + "&limit=2"
          + (next == null ? "" : "&next_token=" + next), token);
      assertThat(page.status()).as("%s", page).isEqualTo(200);
      JsonNode recordings = page.json().get("recordings");
      assertThat(recordings.size()).isLessThanOrEqualTo(2);
      recordings.forEach(r -> assertThat(seen.add(r.get("recording_id").asText())).isTrue());
      next = page.json().get("next_token").isNull() ? null : page.json().get("next_token").asText();
      pages++;
    } while (next != null && pages < 10);

    assertThat(seen).hasSize(5);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void listingLimitAbove200IsRefused() {
    String token = api().devToken(user());

    JsonNode problem = assertProblem(api().get("/recordings?limit=201", token), 400);

    assertThat(problem.get("field").asText()).isEqualTo("limit");
  }

  @Test
  void anotherUserGetsNotFoundForEverythingOfTheFirstUsersRecording() {
    String alice = api().devToken(user());
    String mallory = api().devToken(user());
    String room = room();
    String completed = Uploads.completedRecording(api(), alice, room, bytes(100, 5));
    String multipart = api().post("/recordings/multipart", alice, "{\"room_id\":\"" + room + "\"}")
        .json().get("recording_id").asText();

    assertProblem(api().get("/recordings/" + completed, mallory), 404);
    assertProblem(api().post("/recordings/" + completed + "/complete", mallory, null), 404);
    assertProblem(api().delete("/recordings/" + completed, mallory), 404);
    assertProblem(api().get("/recordings/" + multipart + "/parts", mallory), 404);
    assertProblem(api().post("/recordings/" + multipart + "/parts", mallory, "{\"parts\":[{\"part_number\":1,\"size\":1}]}"), 404);
    assertProblem(api().post("/recordings/" + multipart + "/complete", mallory,
        "{\"parts\":[{\"part_number\":1,\"etag\":\"x\"}]}"), 404);
    assertProblem(api().delete("/recordings/" + multipart + "/upload", mallory), 404);
    assertThat(api().get("/recordings?room_id=" + room, mallory).json().get("recordings")).isEmpty();
    assertThat(api().get("/recordings", mallory).json().get("recordings")).isEmpty();

    assertThat(api().get("/recordings/" + completed, alice).status()).isEqualTo(200);
    assertThat(api().get("/recordings/" + multipart + "/parts", alice).status()).isEqualTo(200);
  }

  @Test
  void participantSeesTheRecordingInTheRoomButMayNotDeleteIt() {
    String aliceEmail = user();
    String bobEmail = user();
    String alice = api().devToken(aliceEmail);
    String bob = api().devToken(bobEmail);
    String room = room();
    Api.Reply ticket = api().post("/recordings/upload-url", alice,
        "{\"room_id\":\"" + room + "\",\"participants\":[\"" + bobEmail + "\"]}");
    String id = ticket.json().get("recording_id").asText();

    JsonNode listed = api().get("/recordings?room_id=" + room, bob).json().get("recordings");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("participants").get(0).asText()).isEqualTo(bobEmail);
    assertThat(api().get("/recordings/" + id, bob).status()).isEqualTo(200);
    assertProblem(api().delete("/recordings/" + id, bob), 403);
    assertThat(api().get("/recordings", bob).json().get("recordings")).as("bob owns nothing").isEmpty();
  }

  @Test
  void completingBeforeTheUploadIsAConflict() {
    String token = api().devToken(user());
    String id = api().post("/recordings/upload-url", token, "{\"room_id\":\"" + room() + "\"}")
        .json().get("recording_id").asText();

    assertProblem(api().post("/recordings/" + id + "/complete", token, null), 409);
  }

  @Test
  void downloadHonoursRangeRequestsAndHead() {
    String token = api().devToken(user());
    byte[] video = bytes(10_000, 6);
    String id = Uploads.completedRecording(api(), token, room(), video);
    String url = api().get("/recordings/" + id, token).json().get("download_url").asText();

    Api.Reply range = api().raw("GET", url, Map.of("Range", "bytes=100-199"), null);
    assertThat(range.status()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(java.util.Arrays.copyOfRange(video, 100, 200));
    assertThat(range.header("Content-Range")).isEqualTo("bytes 100-199/10000");

    Api.Reply head = api().raw("HEAD", url, Map.of(), null);
    assertThat(head.status()).as("%s", head).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo("10000");
    assertThat(api().raw("GET", url, Map.of(), null).header("Content-Length")).isEqualTo("10000");
  }

  @Test
  void tamperedCapabilityUrlIsRefusedWithAProblem() {
    String token = api().devToken(user());
    JsonNode ticket = api().post("/recordings/upload-url", token, "{\"room_id\":\"" + room() + "\",\"size\":3}").json();
    String url = ticket.get("upload_url").asText().replace("length=3", "length=4");

    assertProblem(api().raw("PUT", url, Map.of("Content-Type", "video/webm"), new byte[] {1, 2, 3, 4}), 403);
    assertProblem(api().raw("GET", api().base().resolve("/objects/recordings/x").toString(), Map.of(), null), 404);
    assertThat(List.of(api().raw("DELETE", ticket.get("upload_url").asText(), Map.of(), null).status())).containsAnyOf(404, 405);
  }

  @Test
  void anUploadUrlReplayedAfterCompletionIsRefusedAndTheDownloadStillAnswersTheVerifiedBytes() {
    String token = api().devToken(user());
    byte[] verified = bytes(SIZE, 1);
    JsonNode ticket = Uploads.putSingle(api(), token, room(), verified);
    String id = ticket.get("recording_id").asText();
    assertThat(api().post("/recordings/" + id + "/complete", token, null).status()).isEqualTo(200);

    Api.Reply replay = put(ticket, bytes(SIZE, 2));

    assertProblem(replay, 409);
    assertThat(replay.json().get("detail").asText()).contains("single-use");
    Api.Reply download = api().raw("GET", api().get("/recordings/" + id, token).json().get("download_url").asText(),
        Map.of(), null);
    assertThat(download.body()).isEqualTo(verified);
    assertThat(download.header("ETag")).isEqualTo("\"" + sha256(verified) + "\"");
  }

  @Test
  void anUploadUrlReplayedAfterTheUploadWasAbortedOrTheRecordingDeletedWritesNothing() throws IOException {
    String token = api().devToken(user());
    JsonNode aborted = api().post("/recordings/upload-url", token,
        "{\"room_id\":\"" + room() + "\",\"size\":" + SIZE + "}").json();
    assertThat(api().delete("/recordings/" + aborted.get("recording_id").asText() + "/upload", token).status())
        .isEqualTo(204);
    JsonNode deleted = Uploads.putSingle(api(), token, room(), bytes(SIZE, 3));
    String deletedId = deleted.get("recording_id").asText();
    assertThat(api().post("/recordings/" + deletedId + "/complete", token, null).status()).isEqualTo(200);
    assertThat(api().delete("/recordings/" + deletedId, token).status()).isEqualTo(204);

    assertProblem(put(aborted, bytes(SIZE, 4)), 409);
    assertProblem(put(deleted, bytes(SIZE, 4)), 409);

    assertThat(objectFile(aborted.get("s3_key").asText())).doesNotExist();
    assertThat(objectFile(deleted.get("s3_key").asText())).doesNotExist();
  }

  @Test
  void aDownloadAnswersTheSignedHeadersAndRanges() {
    String token = api().devToken(user());
    byte[] video = bytes(SIZE, 5);
    String url = downloadUrl(token, video);

    Api.Reply whole = api().raw("GET", url, Map.of(), null);
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.body()).isEqualTo(video);
    assertThat(whole.header("Content-Type")).isEqualTo("video/webm");
    assertThat(whole.header("Content-Disposition")).startsWith("attachment; filename=\"");
    assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
    assertThat(whole.header("ETag")).isEqualTo("\"" + sha256(video) + "\"");
    assertThat(whole.header("X-Content-Type-Options")).isEqualTo("nosniff");

    Api.Reply suffix = api().raw("GET", url, Map.of("Range", "bytes=-10"), null);
    assertThat(suffix.status()).isEqualTo(206);
    assertThat(suffix.header("Content-Range")).isEqualTo("bytes 9990-9999/" + SIZE);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(video, SIZE - 10, SIZE));
    Api.Reply clamped = api().raw("GET", url, Map.of("Range", "bytes=9995-20000"), null);
    assertThat(clamped.header("Content-Range")).isEqualTo("bytes 9995-9999/" + SIZE);
    assertThat(api().raw("GET", url, Map.of("Range", "items=1-2"), null).status()).as("ignored").isEqualTo(200);

    Api.Reply outside = api().raw("GET", url, Map.of("Range", "bytes=" + SIZE + "-"), null);
    assertProblem(outside, 416);
    assertThat(outside.header("Content-Range")).isEqualTo("bytes */" + SIZE);

    Api.Reply head = api().raw("HEAD", url, Map.of(), null);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(SIZE));
    assertThat(head.body()).isEmpty();
  }

  @Test
  void aQueryStringThatCouldMakeTheSignedTextAmbiguousIsRefused() {
    String token = api().devToken(user());
    JsonNode ticket = api().post("/recordings/upload-url", token,
        "{\"room_id\":\"" + room() + "\",\"size\":3}").json();
    String url = ticket.get("upload_url").asText();
    Map<String, String> headers = Uploads.headers(ticket.get("upload_headers"));

    assertProblem(api().raw("PUT", url + "&length=3", headers, new byte[3]), 403);
    assertProblem(api().raw("PUT", url.replace("type=", "type=video%2Fwebm%0A"), headers, new byte[3]), 403);
    assertProblem(api().raw("PUT", url.replace("/objects/recordings/", "/objects/recordings/%2e%2e/"), headers,
        new byte[3]), 404);
    assertThat(api().raw("PUT", url, headers, new byte[3]).status()).as("the URL as handed out").isEqualTo(200);
  }

  @Test
  void aStorageFailureAnswers503WithoutNamingAServerPath() throws IOException {
    String token = api().devToken(user());
    JsonNode ticket = api().post("/recordings/upload-url", token,
        "{\"room_id\":\"" + room() + "\",\"size\":3}").json();
    Path staging = data.path().resolve("tmp");
    Files.delete(staging);
    Files.writeString(staging, "not a folder: every write fails");
    try {
      Api.Reply failed = put(ticket, new byte[3]);

      assertProblem(failed, 503);
      assertThat(failed.header("Retry-After")).isNotNull();
      assertThat(failed.text()).doesNotContain(data.path().toString()).doesNotContain("/tmp");
    } finally {
      Files.delete(staging);
      Files.createDirectory(staging);
    }
    assertThat(put(ticket, new byte[3]).status()).as("once the disk is back").isEqualTo(200);
  }

  private Api.Reply put(JsonNode ticket, byte[] body) {
    return api().raw("PUT", ticket.get("upload_url").asText(), Uploads.headers(ticket.get("upload_headers")), body);
  }

  private String downloadUrl(String token, byte[] video) {
    String id = Uploads.completedRecording(api(), token, room(), video);
    return api().get("/recordings/" + id, token).json().get("download_url").asText();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path objectFile(String key) {
    return data.path().resolve("objects").resolve(key);
  }
}
