package io.chatvideo.recording.http.security;

import static io.chatvideo.recording.http.security.Attack.CONTENT;
import static io.chatvideo.recording.http.security.Attack.room;
import static io.chatvideo.recording.http.security.Attack.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.Uploads;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Page tokens carry only the caller's own position (issue 19, item 8): paging a room's listing as
 * a participant never hands over, plainly or encoded, the id of a recording the caller may not see.
 */
interface SealedCursorCases {

  SecurityTarget target();

  private Api api() {
    return target().api();
  }

  @Test
  default void aRoomListingsNextTokenCarriesNoOtherUsersRecording() {
    String owner = target().token(user());
    String viewer = user();
    String viewerToken = target().token(viewer);
    String room = room();
    Set<String> private_ = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      private_.add(Attack.completed(api(), owner, room));
    }
    for (int i = 0; i < 2; i++) {
      Uploads.completedRecording(api(), viewerToken, room, CONTENT);
    }

    JsonNode page = api().get("/recordings?room_id=" + room + "&limit=1", viewerToken).json();
    for (int pages = 0; pages < 10 && !page.get("next_token").isNull(); pages++) {
      String token = page.get("next_token").asText();
      String decoded = new String(Base64.getUrlDecoder().decode(token.replace('=', ' ').strip()),
          StandardCharsets.ISO_8859_1);
      private_.forEach(id -> assertThat(token + decoded).doesNotContain(id));
      page = api().get("/recordings?room_id=" + room + "&limit=1&next_token=" + token, viewerToken).json();
    }
  }
}
