package io.chatvideo.recording.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The client side of the upload flows, as a browser or the CLI runs them. */
public final class Uploads {

  private Uploads() {}

  /** upload-url, then the PUT with exactly the headers the server asked for; returns the upload-url answer. */
  public static JsonNode putSingle(Api api, String token, String room, byte[] bytes) {
    Api.Reply ticket = api.post("/recordings/upload-url", token,
        "{\"room_id\":\"" + room + "\",\"size\":" + bytes.length + "}");
    assertThat(ticket.status()).as("upload-url: %s", ticket).isEqualTo(201);
    JsonNode json = ticket.json();
    Api.Reply put = api.raw("PUT", json.get("upload_url").asText(), headers(json.get("upload_headers")), bytes);
    assertThat(put.status()).as("PUT: %s", put).isEqualTo(200);
    return json;
  }

  /** A single-PUT upload, completed; returns the recording id. */
  public static String completedRecording(Api api, String token, String room, byte[] bytes) {
    String id = putSingle(api, token, room, bytes).get("recording_id").asText();
    Api.Reply complete = api.post("/recordings/" + id + "/complete", token, null);
    assertThat(complete.status()).as("complete: %s", complete).isEqualTo(200);
    return id;
  }

  public static Map<String, String> headers(JsonNode object) {
    Map<String, String> headers = new LinkedHashMap<>();
    object.fields().forEachRemaining(field -> headers.put(field.getKey(), field.getValue().asText()));
    return headers;
  }
}
