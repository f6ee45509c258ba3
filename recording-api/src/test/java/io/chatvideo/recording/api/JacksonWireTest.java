package io.chatvideo.recording.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plain Jackson mapper, configured as the CLI's, reads and writes the wire types by their annotations alone. */
class JacksonWireTest {

  private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void requestsLeaveOutWhatIsNotGiven() throws Exception {
    assertThat(json.writeValueAsString(UploadUrlRequest.of("room-1", "a.webm", "video/webm", 12L)))
        .isEqualTo("{\"room_id\":\"room-1\",\"filename\":\"a.webm\",\"content_type\":\"video/webm\",\"size\":12}");
    assertThat(json.writeValueAsString(new CompleteRequest(null, null))).isEqualTo("{}");
    assertThat(json.writeValueAsString(new CompleteRequest(List.of(new CompletedPart(1, "\"e\"")), 61_000L)))
        .isEqualTo("{\"parts\":[{\"part_number\":1,\"etag\":\"\\\"e\\\"\"}],\"duration_ms\":61000}");
  }

  @Test
  void theSeedSpellingOfTheContentTypeIsReadAndTheCurrentOneWins() throws Exception {
    UploadUrlRequest seed = json.readValue("{\"room_id\":\"r\",\"contentType\":\"audio/mp4\"}", UploadUrlRequest.class);
    UploadUrlRequest both = json.readValue("{\"room_id\":\"r\",\"contentType\":\"audio/mp4\",\"content_type\":\"video/mp4\"}",
        UploadUrlRequest.class);

    assertThat(seed.requestedContentType()).contains("audio/mp4");
    assertThat(both.requestedContentType()).contains("video/mp4");
  }

  @Test
  void aRecordingKeepsEveryFieldAndAlwaysNamesItsDownloadUrl() throws Exception {
    String wire = "{\"recording_id\":\"id\",\"room_id\":\"r\",\"filename\":\"a.webm\",\"size\":5,"
        + "\"created_at\":\"2026-12-01T10:00:00Z\",\"expires_at\":\"2026-12-31T10:00:00Z\",\"status\":\"COMPLETED\","
        + "\"download_url\":\"http://x/y\",\"content_type\":\"video/webm\",\"participants\":[\"b@example.com\"],"
        + "\"completed_at\":\"2026-12-01T10:01:00Z\",\"partial\":true,\"partial_reason\":\"client_gone\","
        + "\"duration_ms\":61000,\"processing\":\"ready\",\"width\":1280,"
        + "\"height\":720,\"thumbnail_url\":\"http://x/t\",\"renditions\":[{\"format\":\"mp4\","
        + "\"content_type\":\"video/mp4\",\"size\":99,\"download_url\":\"http://x/m\"}],\"audio_layout\":\"per_party\",\"storyboard_url\":\"http://x/s.vtt\","
        + "\"transcript\":\"failed\",\"transcript_error\":\"engine_down\"}";
    RecordingJson recording = json.readValue(wire, RecordingJson.class);

    assertThat(json.writeValueAsString(recording)).isEqualTo(wire);
    assertThat(json.writeValueAsString(new RecordingJson("id", "r", "a.webm", null, "c", "e", "PENDING", null,
        "video/webm", null, null, null, null, null, null, null, null, null, null, null, "mixed", null, null, null)))
        .isEqualTo("{\"recording_id\":\"id\",\"room_id\":\"r\",\"filename\":\"a.webm\",\"created_at\":\"c\","
            + "\"expires_at\":\"e\",\"status\":\"PENDING\",\"download_url\":null,\"content_type\":\"video/webm\",\"audio_layout\":\"mixed\"}");
    assertThat(json.writeValueAsString(new RecordingList(List.of(), null)))
        .isEqualTo("{\"recordings\":[],\"next_token\":null}");
  }
}
