package io.chatvideo.recording.http;

import static io.chatvideo.recording.http.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.Uploads;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The upload → PUT → complete → list → download flows over a socket, whatever the backend: each
 * backend's test runs these against a server wired to it.
 */
abstract class RecordingsApiContract {

  static final int MiB = 1024 * 1024;

  /** A client of a running server in dev auth mode. */
  abstract Api api();

  String user() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  String room() {
    return "room-" + UUID.randomUUID();
  }

  static byte[] bytes(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void singlePutUploadCompletesListsAndDownloadsTheSameBytes() {
    String token = api().devToken(user());
    String room = room();
    byte[] video = bytes(300_000, 1);

    Api.Reply ticket = api().post("/recordings/upload-url", token, "{\"room_id\":\"" + room + "\"}");
    assertThat(ticket.status()).as("%s", ticket).isEqualTo(201);
    JsonNode upload = ticket.json();
    assertThat(upload.get("expires_in").asLong()).isEqualTo(1800);
    assertThat(URI.create(upload.get("upload_url").asText()).isAbsolute()).isTrue();
    assertThat(upload.get("s3_key").asText()).startsWith("recordings/" + room + "/")
        .endsWith("-" + upload.get("recording_id").asText() + "-recording.webm");
    assertThat(upload.get("upload_headers").get("Content-Type").asText()).isEqualTo("video/webm");
    String id = upload.get("recording_id").asText();

    Api.Reply put = api().raw("PUT", upload.get("upload_url").asText(), Uploads.headers(upload.get("upload_headers")),
        video);
    assertThat(put.status()).as("%s", put).isEqualTo(200);
    Api.Reply complete = api().post("/recordings/" + id + "/complete", token, null);
    assertThat(complete.status()).as("%s", complete).isEqualTo(200);
    assertThat(complete.json().get("status").asText()).isEqualTo("COMPLETED");
    assertThat(complete.json().get("size").asLong()).isEqualTo(video.length);

    Api.Reply list = api().get("/recordings?room_id=" + room, token);
    assertThat(list.status()).as("%s", list).isEqualTo(200);
    JsonNode entries = list.json().get("recordings");
    assertThat(entries).hasSize(1);
    JsonNode entry = entries.get(0);
    assertThat(entry.get("recording_id").asText()).isEqualTo(id);
    assertThat(entry.get("room_id").asText()).isEqualTo(room);
    assertThat(entry.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(entry.get("size").asLong()).isEqualTo(video.length);
    assertThat(entry.get("content_type").asText()).isEqualTo("video/webm");
    for (String field : List.of("filename", "created_at", "expires_at", "download_url")) {
      assertThat(entry.hasNonNull(field)).as(field).isTrue();
    }
    assertThat(list.json().has("next_token")).isTrue();

    Api.Reply download = api().raw("GET", entry.get("download_url").asText(), Map.of(), null);
    assertThat(download.status()).as("%s", download).isEqualTo(200);
    assertThat(download.body()).isEqualTo(video);
    assertThat(download.header("Content-Type")).startsWith("video/webm");

    Api.Reply one = api().get("/recordings/" + id, token);
    assertThat(one.status()).isEqualTo(200);
    assertThat(api().raw("GET", one.json().get("download_url").asText(), Map.of(), null).body()).isEqualTo(video);
  }

  @Test
  void multipartUploadResumesFromStoredPartsAndDownloadsTheJoinedBytes() {
    String token = api().devToken(user());
    byte[] first = bytes(5 * MiB, 2);
    byte[] last = bytes(1000, 3);

    Api.Reply start = api().post("/recordings/multipart", token,
        "{\"room_id\":\"" + room() + "\",\"content_type\":\"video/webm;codecs=vp8,opus\"}");
    assertThat(start.status()).as("%s", start).isEqualTo(201);
    String id = start.json().get("recording_id").asText();
    assertThat(start.json().get("upload_id").asText()).isNotBlank();
    assertThat(start.json().get("min_part_size").asLong()).isEqualTo(5L * MiB);

    Api.Reply signed = api().post("/recordings/" + id + "/parts", token, "{\"parts\":[{\"part_number\":1,\"size\":"
        + first.length + "},{\"part_number\":2,\"size\":" + last.length + "}]}");
    assertThat(signed.status()).as("%s", signed).isEqualTo(200);
    JsonNode parts = signed.json().get("parts");
    assertThat(parts).hasSize(2);
    List<String> etags = new ArrayList<>();
    byte[][] bodies = {first, last};
    for (int i = 0; i < 2; i++) {
      JsonNode part = parts.get(i);
      assertThat(part.get("part_number").asInt()).isEqualTo(i + 1);
      assertThat(part.get("expires_in").asLong()).isPositive();
      Api.Reply put = api().raw("PUT", part.get("upload_url").asText(), Uploads.headers(part.get("upload_headers")),
          bodies[i]);
      assertThat(put.status()).as("%s", put).isEqualTo(200);
      etags.add(put.header("ETag"));
    }

    Api.Reply stored = api().get("/recordings/" + id + "/parts", token);
    assertThat(stored.status()).as("%s", stored).isEqualTo(200);
    assertThat(stored.json().get("parts")).hasSize(2);
    assertThat(stored.json().get("parts").get(0).get("size").asLong()).isEqualTo(first.length);
    assertThat(stored.json().get("parts").get(1).get("part_number").asInt()).isEqualTo(2);

    Api.Reply complete = api().post("/recordings/" + id + "/complete", token,
        "{\"parts\":[{\"part_number\":1,\"etag\":" + Api.JSON.valueToTree(etags.get(0)) + "},"
            + "{\"part_number\":2,\"etag\":" + Api.JSON.valueToTree(etags.get(1)) + "}],\"duration_ms\":61000}");
    assertThat(complete.status()).as("%s", complete).isEqualTo(200);
    assertThat(complete.json().get("duration_ms").asLong()).isEqualTo(61000);
    assertThat(complete.json().get("content_type").asText()).isEqualTo("video/webm;codecs=vp8,opus");

    Api.Reply download = api().raw("GET", complete.json().get("download_url").asText(), Map.of(), null);
    assertThat(download.status()).isEqualTo(200);
    byte[] joined = new byte[first.length + last.length];
    System.arraycopy(first, 0, joined, 0, first.length);
    System.arraycopy(last, 0, joined, first.length, last.length);
    assertThat(download.body()).isEqualTo(joined);
  }

  @Test
  void abortedMultipartUploadIsForgotten() {
    String token = api().devToken(user());
    String id = api().post("/recordings/multipart", token, "{\"room_id\":\"" + room() + "\"}")
        .json().get("recording_id").asText();

    assertThat(api().delete("/recordings/" + id + "/upload", token).status()).isEqualTo(204);

    assertProblem(api().get("/recordings/" + id, token), 404);
  }

  @Test
  void deletedRecordingIsGoneAndItsDownloadUrlStopsWorking() {
    String token = api().devToken(user());
    String id = Uploads.completedRecording(api(), token, room(), bytes(1000, 4));
    String downloadUrl = api().get("/recordings/" + id, token).json().get("download_url").asText();

    assertThat(api().delete("/recordings/" + id, token).status()).isEqualTo(204);

    assertProblem(api().get("/recordings/" + id, token), 404);
    assertThat(api().get("/recordings", token).json().get("recordings")).isEmpty();
    assertThat(api().raw("GET", downloadUrl, Map.of(), null).status()).isBetween(400, 499);
  }
}
