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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API on the embedded default (local disk + SQLite, dev tokens), over a socket. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalRecordingsApiTest extends RecordingsApiContract implements TestPropertyProvider {

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
    assertProblem(api().post("/recordings/" + multipart + "/parts", mallory, "{\"part_numbers\":[1]}"), 404);
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
}
