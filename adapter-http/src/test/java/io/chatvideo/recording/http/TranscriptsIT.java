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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Transcripts end to end over the server jar on the local backend, with the real embedded engine
 * (Debian's ffmpeg with PocketSphinx), chosen by default because ffmpeg has the asr filter: a call
 * whose left channel is flite's rms voice (the local party) and whose right is awb's (the remote
 * party), each saying a known sentence, comes back word for word with each cue's speaker, as JSON,
 * WebVTT and text, in the recording and on the share link's watch page as captions. A mixed call
 * is skipped, a call without audio fails with no_audio, and neither touches the video.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranscriptsIT {

  private static final String LOCAL_SAYS = "the meeting starts at nine";
  private static final String REMOTE_SAYS = "please send me the report by friday";
  /** Within a phrase's edges as the engine sees them: flite's lead-in and fade, Opus frames. */
  private static final long EDGE_MS = 500;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Pattern TRACK = Pattern.compile("<track kind=\"captions\" src=\"([^\"]+)\"");

  private final TempDirectory work = new TempDirectory("recordings-transcripts-it");
  private ServerProcess server;
  private Api api;
  private String token;
  private byte[] call;
  private byte[] silentFilm;
  private long localAt;
  private long localMs;
  private long remoteAt;
  private long remoteMs;

  @BeforeAll
  void startServer() throws IOException {
    TwoVoiceCall made = TwoVoiceCall.make(work.path(), "rms", LOCAL_SAYS, "awb", REMOTE_SAYS, 1000);
    call = made.bytes();
    localAt = made.localAt();
    localMs = made.localMs();
    remoteAt = made.remoteAt();
    remoteMs = made.remoteMs();
    silentFilm = silentFilm();
    server = ServerProcess.start(work.path(), Map.of("RECORDING_PROCESSING_ENABLED", "true"));
    api = new Api(server.uri());
    server.awaitHealthy(api);
    token = api.devToken("transcripts@example.com");
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
    work.close();
  }

  @Test
  void aPerPartyCallComesBackWordForWordWithEachCuesSpeakerInEveryFormatAndAsCaptions() {
    assertThat(server.stdout()).as("start-up says why transcripts are on").contains("transcripts are on");
    String id = upload(call, "per_party");

    JsonNode ready = Processed.await(api, server, token, id);
    assertThat(ready.get("processing").asText()).as("%s", ready).isEqualTo("ready");
    assertThat(ready.get("transcript").asText()).as("ready never waits for the transcript: %s", ready)
        .isIn("queued", "running", "ready");
    JsonNode recording = awaitTranscript(id);

    assertThat(recording.get("transcript").asText()).as("%s", recording).isEqualTo("ready");
    assertThat(recording.has("transcript_error")).isFalse();
    JsonNode json = api.get("/recordings/" + id + "/transcript?format=json", token).json();
    assertThat(json.get("engine").asText()).isEqualTo("embedded");
    List<JsonNode> segments = new ArrayList<>();
    json.get("segments").forEach(segments::add);
    assertThat(segments).as("%s", json).hasSize(2);
    JsonNode local = segments.get(0);
    JsonNode remote = segments.get(1);
    assertThat(local.get("party").asText()).isEqualTo("local");
    assertThat(local.get("speaker").asText()).as("the owner's email, local part").isEqualTo("transcripts");
    assertThat(local.get("text").asText()).isEqualTo(LOCAL_SAYS);
    assertThat(local.get("start_ms").asLong()).isCloseTo(localAt, within(EDGE_MS));
    assertThat(local.get("end_ms").asLong()).isCloseTo(localAt + localMs, within(EDGE_MS));
    assertThat(remote.get("party").asText()).isEqualTo("remote");
    assertThat(remote.get("speaker").asText()).as("no participant named").isEqualTo("Remote");
    assertThat(remote.get("text").asText()).isEqualTo(REMOTE_SAYS);
    assertThat(remote.get("start_ms").asLong()).isCloseTo(remoteAt, within(EDGE_MS));
    assertThat(remote.get("end_ms").asLong()).isCloseTo(remoteAt + remoteMs, within(EDGE_MS));

    Api.Reply vtt = api.get("/recordings/" + id + "/transcript?format=vtt", token);
    assertThat(vtt.status()).isEqualTo(200);
    assertThat(vtt.header("Content-Type")).startsWith("text/vtt");
    assertThat(vtt.text()).startsWith("WEBVTT\n").contains("<v transcripts>" + LOCAL_SAYS + "</v>")
        .contains("<v Remote>" + REMOTE_SAYS + "</v>").containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} --> ");
    Api.Reply txt = api.get("/recordings/" + id + "/transcript?format=txt", token);
    assertThat(txt.header("Content-Type")).startsWith("text/plain");
    assertThat(txt.text()).isEqualTo("transcripts: " + LOCAL_SAYS + "\nRemote: " + REMOTE_SAYS + "\n");
    assertThat(api.get("/recordings?room_id=transcripts-room", token).json().get("recordings").findValuesAsText(
        "transcript")).as("the list says it too").contains("ready");

    String url = api.post("/recordings/" + id + "/shares", token, "{}").json().get("url").asText();
    Api.Reply page = api.raw("GET", url, Map.of(), null);
    assertThat(page.status()).isEqualTo(200);
    Matcher track = TRACK.matcher(page.text());
    assertThat(track.find()).as("a captions track on the watch page: %s", page.text()).isTrue();
    assertThat(page.header("Content-Security-Policy")).as("the track is same-origin media").contains("media-src 'self'");
    Api.Reply captions = api.raw("GET", server.uri().resolve(track.group(1).replace("&amp;", "&")).toString(),
        Map.of(), null);
    assertThat(captions.status()).as("%s", captions).isEqualTo(200);
    assertThat(captions.text()).isEqualTo(vtt.text());
    assertThat(api.raw("GET", server.uri().resolve("/s/" + "A".repeat(22) + "/transcript.vtt").toString(), Map.of(),
        null).status()).as("an unknown link has no captions").isEqualTo(404);
  }

  @Test
  void aMixedCallIsSkippedAndSaysWhyWithoutTouchingTheVideo() {
    String id = upload(call, null);

    JsonNode ready = Processed.await(api, server, token, id);
    assertThat(ready.get("processing").asText()).isEqualTo("ready");
    JsonNode recording = awaitTranscript(id);

    assertThat(recording.get("transcript").asText()).as("%s", recording).isEqualTo("skipped");
    assertThat(recording.get("transcript_error").asText()).isEqualTo("mixed_audio");
    assertThat(recording.get("processing").asText()).isEqualTo("ready");
    Api.Reply refused = api.get("/recordings/" + id + "/transcript?format=vtt", token);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("detail").asText()).contains("skipped (mixed_audio)");
  }

  @Test
  void aCallWithoutAudioFailsWithNoAudioAndTheVideoStaysReady() {
    String id = upload(silentFilm, "per_party");

    Processed.await(api, server, token, id);
    JsonNode recording = awaitTranscript(id);

    assertThat(recording.get("transcript").asText()).as("%s", recording).isEqualTo("failed");
    assertThat(recording.get("transcript_error").asText()).isEqualTo("no_audio");
    assertThat(recording.get("processing").asText()).isEqualTo("ready");
    assertThat(api.get("/recordings/" + id + "/transcript", token).json().get("detail").asText())
        .contains("failed (no_audio)").contains("not affected");
  }

  @Test
  void anUnknownFormatOrRecordingIsRefusedPrecisely() {
    String id = upload(silentFilm, "per_party");

    assertBadField(api.get("/recordings/" + id + "/transcript?format=srt", token), "format");
    Api.Reply unknown = api.get("/recordings/" + java.util.UUID.randomUUID() + "/transcript", token);
    assertThat(unknown.status()).isEqualTo(404);
    String other = api.devToken("someone-else@example.com");
    assertThat(api.get("/recordings/" + id + "/transcript", other).status()).as("another user's").isEqualTo(404);
  }

  @Test
  void aServerWithoutAnEngineSaysItsRecordingsTranscriptsAreOff() {
    try (TempDirectory data = new TempDirectory("recordings-transcripts-off-it");
        ServerProcess off = ServerProcess.start(data.path(), Map.of("RECORDING_PROCESSING_ENABLED", "true",
            "RECORDING_TRANSCRIPTS_ENGINE", "off"))) {
      Api offApi = new Api(off.uri());
      off.awaitHealthy(offApi);
      String offToken = offApi.devToken("transcripts@example.com");
      String id = upload(offApi, offToken, call, "per_party");

      JsonNode ready = Processed.await(offApi, off, offToken, id);

      assertThat(ready.get("processing").asText()).isEqualTo("ready");
      assertThat(ready.get("transcript").asText()).as("%s", ready).isEqualTo("off");
      Api.Reply refused = offApi.get("/recordings/" + id + "/transcript?format=txt", offToken);
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.json().get("detail").asText()).contains("transcripts are off on this server");
    }
  }

  private String upload(byte[] bytes, String layout) {
    return upload(api, token, bytes, layout);
  }

  private static String upload(Api api, String token, byte[] bytes, String layout) {
    Api.Reply ticket = api.post("/recordings/upload-url", token, "{\"room_id\":\"transcripts-room\",\"size\":"
        + bytes.length + (layout == null ? "" : ",\"audio_layout\":\"" + layout + "\"") + "}");
    assertThat(ticket.status()).as("upload-url: %s", ticket).isEqualTo(201);
    JsonNode json = ticket.json();
    Api.Reply put = api.raw("PUT", json.get("upload_url").asText(), Uploads.headers(json.get("upload_headers")), bytes);
    assertThat(put.status()).as("PUT: %s", put).isEqualTo(200);
    String id = json.get("recording_id").asText();
    assertThat(api.post("/recordings/" + id + "/complete", token, null).status()).isEqualTo(200);
    return id;
  }

  /** The recording once its transcript is settled; bounded, since the job runs on the server's workers. */
  private JsonNode awaitTranscript(String id) {
    Instant deadline = Instant.now().plus(WAIT);
    while (true) {
      Api.Reply reply = api.get("/recordings/" + id, token);
      assertThat(reply.status()).as("%s (stdout: %s)", reply, server.stdout()).isEqualTo(200);
      String state = reply.json().path("transcript").asText();
      if (!state.equals("queued") && !state.equals("running")) {
        return reply.json();
      }
      assertThat(Instant.now()).as("the transcript within %s (stdout: %s)", WAIT, server.stdout())
          .isBefore(deadline);
      sleepBriefly();
    }
  }

  /** A 2-second WebM with a picture and no audio stream at all. */
  private byte[] silentFilm() throws IOException {
    Path file = work.path().resolve("silent.webm");
    TwoVoiceCall.run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
        "color=c=gray:size=160x120:rate=10:duration=2", "-c:v", "libvpx", "-b:v", "100k", "-f", "webm", file.toString());
    return Files.readAllBytes(file);
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
