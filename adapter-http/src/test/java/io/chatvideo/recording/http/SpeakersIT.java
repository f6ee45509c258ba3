package io.chatvideo.recording.http;

import static io.chatvideo.recording.http.support.Problems.assertBadField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.Processed;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.TwoVoiceCall;
import io.chatvideo.recording.http.support.Uploads;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The speaker timeline end to end over the server jar on the local backend, with real ffmpeg: a
 * call whose left channel is one flite voice (the local party) and whose right channel is
 * another (the remote party), uploaded as {@code per_party}, becomes ready and then gets a
 * timeline that finds each voice on its own side at its known times, in the API and on the share
 * link's watch page; a {@code mixed} upload says it cannot tell.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpeakersIT {

  private static final long EDGE_MS = 400;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final TempDirectory work = new TempDirectory("recordings-speakers-it");
  private ServerProcess server;
  private Api api;
  private String token;
  private byte[] call;
  private long localAt;
  private long localMs;
  private long remoteAt;
  private long remoteMs;

  @BeforeAll
  void startServer() throws IOException {
    TwoVoiceCall made = TwoVoiceCall.make(work.path(), "rms", "This is the local party on the left.", "awb", "And the remote party answers.", 800);
    call = made.bytes();
    localAt = made.localAt();
    localMs = made.localMs();
    remoteAt = made.remoteAt();
    remoteMs = made.remoteMs();
    server = ServerProcess.start(work.path(), Map.of("RECORDING_PROCESSING_ENABLED", "true"));
    api = new Api(server.uri());
    server.awaitHealthy(api);
    token = api.devToken("speakers@example.com");
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
    work.close();
  }

  @Test
  void aPerPartyCallGetsATimelineWithEachVoiceOnItsOwnSideInTheApiAndOnTheWatchPage() {
    String id = upload("per_party");
    assertThat(api.get("/recordings/" + id, token).json().get("audio_layout").asText()).isEqualTo("per_party");

    JsonNode ready = Processed.await(api, server, token, id);
    assertThat(ready.get("processing").asText()).as("%s", ready).isEqualTo("ready");
    JsonNode speakers = awaitSpeakers(id);

    assertThat(speakers.get("state").asText()).as("%s", speakers).isEqualTo("ready");
    assertThat(speakers.get("audio_layout").asText()).isEqualTo("per_party");
    List<JsonNode> local = new ArrayList<>();
    List<JsonNode> remote = new ArrayList<>();
    speakers.get("segments").forEach(s -> (s.get("party").asText().equals("local") ? local : remote).add(s));
    assertThat(local).as("the local voice once, on the left: %s", speakers).hasSize(1);
    assertThat(remote).as("the remote voice once, on the right: %s", speakers).hasSize(1);
    assertThat(local.get(0).get("start_ms").asLong()).isCloseTo(localAt, within(EDGE_MS));
    assertThat(local.get(0).get("end_ms").asLong()).isCloseTo(localAt + localMs, within(EDGE_MS));
    assertThat(remote.get(0).get("start_ms").asLong()).isCloseTo(remoteAt, within(EDGE_MS));
    assertThat(remote.get(0).get("end_ms").asLong()).isCloseTo(remoteAt + remoteMs, within(EDGE_MS));
    assertThat(speakers.get("talk_ms").get("local").asLong()).isCloseTo(localMs, within(2 * EDGE_MS));
    assertThat(speakers.get("talk_ms").get("remote").asLong()).isCloseTo(remoteMs, within(2 * EDGE_MS));

    String url = api.post("/recordings/" + id + "/shares", token, "{}").json().get("url").asText();
    Api.Reply page = api.raw("GET", url, Map.of(), null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).contains("id=\"speakers\"").contains("data-party=\"local\"")
        .contains("data-party=\"remote\"");
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'sha256-");
  }

  @Test
  void aMixedCallSaysItCannotTellWhoSpoke() {
    String id = upload(null);
    assertThat(api.get("/recordings/" + id, token).json().get("audio_layout").asText()).isEqualTo("mixed");

    Processed.await(api, server, token, id);
    JsonNode speakers = awaitSpeakers(id);

    assertThat(speakers.get("state").asText()).as("%s", speakers).isEqualTo("unavailable");
    assertThat(speakers.get("reason").asText()).isEqualTo("mixed_audio");
    assertThat(speakers.has("segments")).isFalse();
  }

  @Test
  void anUnknownLayoutIsRefusedNamingTheField() {
    assertBadField(api.post("/recordings/upload-url", token,
        "{\"room_id\":\"speakers-room\",\"size\":10,\"audio_layout\":\"stereo\"}"), "audio_layout");
    assertBadField(api.post("/recordings/multipart", token,
        "{\"room_id\":\"speakers-room\",\"audio_layout\":\"PER_PARTY\"}"), "audio_layout");
    assertThat(api.get("/recordings/" + java.util.UUID.randomUUID() + "/speakers", token).status()).isEqualTo(404);
  }

  private String upload(String layout) {
    Api.Reply ticket = api.post("/recordings/upload-url", token, "{\"room_id\":\"speakers-room\",\"size\":"
        + call.length + (layout == null ? "" : ",\"audio_layout\":\"" + layout + "\"") + "}");
    assertThat(ticket.status()).as("upload-url: %s", ticket).isEqualTo(201);
    JsonNode json = ticket.json();
    Api.Reply put = api.raw("PUT", json.get("upload_url").asText(), Uploads.headers(json.get("upload_headers")), call);
    assertThat(put.status()).as("PUT: %s", put).isEqualTo(200);
    String id = json.get("recording_id").asText();
    assertThat(api.post("/recordings/" + id + "/complete", token, null).status()).isEqualTo(200);
    return id;
  }

  /** The timeline once the job after processing wrote it; bounded, since that job runs on the server's workers. */
  private JsonNode awaitSpeakers(String id) {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      Api.Reply reply = api.get("/recordings/" + id + "/speakers", token);
      assertThat(reply.status()).as("%s (stdout: %s)", reply, server.stdout()).isEqualTo(200);
      if (!reply.json().get("state").asText().equals("pending")) {
        return reply.json();
      }
      assertThat(Instant.now()).as("the speaker timeline within %s (stdout: %s)", WAIT, server.stdout())
          .isBefore(deadline);
      sleepBriefly();
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
