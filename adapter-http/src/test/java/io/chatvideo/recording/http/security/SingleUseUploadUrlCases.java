package io.chatvideo.recording.http.security;

import static io.chatvideo.recording.http.security.Attack.CONTENT;
import static io.chatvideo.recording.http.security.Attack.refused;
import static io.chatvideo.recording.http.security.Attack.room;
import static io.chatvideo.recording.http.security.Attack.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.Uploads;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attacks whose fixes live on other branches (issue 19, items 1 and 8: single-use upload URLs in
 * the local and aws backends, sealed DynamoDB cursors). They state the safe answer now; the classes
 * that run them are named {@code *Checks}, which neither Surefire nor Failsafe picks up, and are
 * renamed to {@code *IT} when those branches are merged.
 */
interface SingleUseUploadUrlCases {

  SecurityTarget target();

  private Api api() {
    return target().api();
  }

  @Test
  default void anUploadUrlReplayedAfterCompletionIsRefusedAndTheVerifiedBytesStay() {
    String token = target().token(user());
    JsonNode ticket = Uploads.putSingle(api(), token, room(), CONTENT);
    String id = ticket.get("recording_id").asText();
    assertThat(api().post("/recordings/" + id + "/complete", token, null).status()).isEqualTo(200);

    refused(api().raw("PUT", ticket.get("upload_url").asText(), Uploads.headers(ticket.get("upload_headers")),
        "ABCDEFGHIJ".getBytes(StandardCharsets.US_ASCII)));

    String download = api().get("/recordings/" + id, token).json().get("download_url").asText();
    assertThat(api().raw("GET", download, Map.of(), null).body()).isEqualTo(CONTENT);
  }

  @Test
  default void anUploadUrlReplayedAfterDeletionOrAbortWritesNothing() {
    String token = target().token(user());
    JsonNode deleted = Uploads.putSingle(api(), token, room(), CONTENT);
    assertThat(api().delete("/recordings/" + deleted.get("recording_id").asText(), token).status()).isEqualTo(204);
    JsonNode aborted = api().post("/recordings/upload-url", token, "{\"room_id\":\"r\",\"size\":10}").json();
    assertThat(api().delete("/recordings/" + aborted.get("recording_id").asText() + "/upload", token).status())
        .isEqualTo(204);

    for (JsonNode ticket : new JsonNode[] {deleted, aborted}) {
      refused(api().raw("PUT", ticket.get("upload_url").asText(), Uploads.headers(ticket.get("upload_headers")),
          CONTENT));
    }
  }

  @Test
  default void aRoomListingsNextTokenCarriesNoOtherUsersRecording() {
    String owner = target().token(user());
    String viewer = user();
    String viewerToken = target().token(viewer);
    String room = room();
    java.util.Set<String> private_ = new java.util.HashSet<>();
    for (int i = 0; i < 3; i++) {
      private_.add(Attack.completed(api(), owner, room));
    }
    for (int i = 0; i < 2; i++) {
      Uploads.completedRecording(api(), viewerToken, room, CONTENT);
    }

    JsonNode page = api().get("/recordings?room_id=" + room + "&limit=1", viewerToken).json();
    for (int pages = 0; pages < 10 && !page.get("next_token").isNull(); pages++) {
      String token = page.get("next_token").asText();
      String decoded = new String(java.util.Base64.getUrlDecoder().decode(token.replace('=', ' ').strip()),
          StandardCharsets.ISO_8859_1);
      private_.forEach(id -> assertThat(token + decoded).doesNotContain(id));
      page = api().get("/recordings?room_id=" + room + "&limit=1&next_token=" + token, viewerToken).json();
    }
  }
}
