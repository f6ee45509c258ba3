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
 * Replayed upload URLs (issue 19, item 1): after completion, after the recording was deleted and
 * after its upload was aborted, a PUT to the URL is refused and changes nothing. Run on the local
 * backend only: S3Proxy, the S3 stand-in, does not enforce the {@code If-None-Match: *} that S3
 * PUTs sign, so adapter-aws's {@code S3ConditionalWritesIT} tests the S3 side as far as a stand-in
 * can (the header is signed, a 412 is a conflict).
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
}
