package io.chatvideo.recording.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.Processed;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The media engine attacked through the server jar, as a signed-in user would: uploads that are
 * text playlists or concat scripts naming another user's rendition, durations that lie, a
 * container that is not its declared type. The safe answer each time: processing {@code failed}
 * with a fixed reason and no path, no rendition, the original is exactly what was uploaded, and
 * the victim's bytes are in nothing the attacker can download. The local backend is where the
 * files sit beside the engine's work directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalMediaTrustIT {

  private final TempDirectory work = new TempDirectory("recordings-media-trust");
  private ServerProcess server;
  private Api api;
  private Path data;
  /** The victim's MP4 rendition, where it sits under the data directory, and how long it plays. */
  private Path victimRendition;
  private String victimSeconds;

  @BeforeAll
  void startServerAndRecordTheVictim() throws IOException {
    server = ServerProcess.start(work.path(), Map.of("RECORDING_PROCESSING_ENABLED", "true",
        "RECORDING_LIMITS_DEV_TOKENS_PER_MINUTE", "600"));
    api = new Api(server.uri());
    server.awaitHealthy(api);
    data = work.path().resolve("data");
    String victim = api.devToken(Attack.user());
    String id = Uploads.completedRecording(api, victim, Attack.room(), Files.readAllBytes(Processed.CHROMIUM_RECORDING));
    JsonNode ready = awaitProcessed(victim, id);
    assertThat(ready.get("processing").asText()).as("%s", ready).isEqualTo("ready");
    victimSeconds = String.format(Locale.ROOT, "%.3f", ready.get("duration_ms").asLong() / 1000.0);
    try (Stream<Path> files = Files.walk(data.resolve("objects"))) {
      victimRendition = files.filter(f -> f.getFileName().toString().endsWith(id + "-rendition.mp4")).findFirst()
          .orElseThrow(() -> new AssertionError("no rendition of the victim's recording under " + data));
    }
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
    work.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"audio/mp4", "video/mp4", "video/webm"})
  void aPlaylistNamingAnotherUsersRenditionByRelativePathFailsAsNotMedia(String type) {
    // The engine works in data/processing/processing-<id>-<n>/: two levels up is the data directory.
    String relative = "../../" + data.relativize(victimRendition);

    refused(type, playlist(relative), "not_media");
  }

  @ParameterizedTest
  @ValueSource(strings = {"audio/mp4", "video/mp4", "video/webm"})
  void aPlaylistNamingAnotherUsersRenditionByAbsolutePathFailsAsNotMedia(String type) {
    refused(type, playlist(victimRendition.toAbsolutePath().toString()), "not_media");
  }

  @ParameterizedTest
  @ValueSource(strings = {"audio/mp4", "video/mp4", "video/webm"})
  void aConcatScriptNamingAnotherUsersRenditionFailsAsNotMedia(String type) {
    String script = "ffconcat version 1.0\nfile '" + victimRendition.toAbsolutePath() + "'\nfile '../../"
        + data.relativize(victimRendition) + "'\n";

    refused(type, script.getBytes(StandardCharsets.UTF_8), "not_media");
  }

  @Test
  void aPlaylistWithHugeDurationsFailsAtOnceAsNotMedia() {
    StringBuilder playlist = new StringBuilder("#EXTM3U\n#EXT-X-TARGETDURATION:99999999\n");
    for (int i = 0; i < 100; i++) {
      playlist.append("#EXTINF:99999999.0,\n../../").append(data.relativize(victimRendition)).append('\n');
    }
    playlist.append("#EXT-X-ENDLIST\n");

    JsonNode failed = refused("audio/mp4", playlist.toString().getBytes(StandardCharsets.UTF_8), "not_media");

    assertThat(failed.path("duration_ms").asLong()).as("no duration from a claim").isLessThan(99_999_999L);
  }

  @Test
  void aRealWebmDeclaredAsMp4FailsAsNotMedia() throws IOException {
    refused("video/mp4", Files.readAllBytes(Processed.CHROMIUM_RECORDING), "not_media");
  }

  @Test
  void aRealMp4DeclaredAsWebmFailsAsNotMedia() throws IOException {
    Path mp4 = work.path().resolve("own.mp4");
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=160x120:r=10:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p",
        mp4.toString());

    refused("video/webm", Files.readAllBytes(mp4), "not_media");
  }

  @Test
  void aVideoDeclaredAsAudioFailsAsUnsupported() throws IOException {
    Path mp4 = work.path().resolve("video-as-audio.mp4");
    ffmpeg("-f", "lavfi", "-i", "testsrc=s=160x120:r=10:d=1", "-f", "lavfi", "-i", "sine=d=1", "-c:v", "libx264",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", mp4.toString());

    refused("audio/mp4", Files.readAllBytes(mp4), "unsupported");
  }

  /** An HLS playlist of one segment, {@code path}, that claims the victim's true length: nothing looks amiss. */
  private byte[] playlist(String path) {
    return ("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXTINF:" + victimSeconds + ",\n" + path
        + "\n#EXT-X-ENDLIST\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A fresh attacker uploads {@code bytes} as {@code type} and completes: processing fails with
   * {@code reason}, says no path, makes nothing, and hands out nothing of the victim's; the
   * server's log has the engine's words with the recording id.
   */
  private JsonNode refused(String type, byte[] bytes, String reason) {
    String attacker = api.devToken(Attack.user());
    Api.Reply ticket = api.post("/recordings/upload-url", attacker, "{\"room_id\":\"" + Attack.room()
        + "\",\"size\":" + bytes.length + ",\"content_type\":\"" + type + "\"}");
    assertThat(ticket.status()).as("upload-url: %s", ticket).isEqualTo(201);
    JsonNode json = ticket.json();
    Api.Reply put = api.raw("PUT", json.get("upload_url").asText(), Uploads.headers(json.get("upload_headers")), bytes);
    assertThat(put.status()).as("PUT: %s", put).isEqualTo(200);
    String id = json.get("recording_id").asText();
    assertThat(api.post("/recordings/" + id + "/complete", attacker, null).status()).isEqualTo(200);

    JsonNode failed = awaitProcessed(attacker, id);

    assertThat(failed.get("processing").asText()).as("%s", failed).isEqualTo("failed");
    String error = failed.get("processing_error").asText();
    assertThat(error).startsWith(reason + ": ").doesNotContain(data.toString()).doesNotContain(work.path().toString())
        .doesNotContain("objects/").doesNotContain("processing-").doesNotContain("ffprobe").doesNotContain("\n");
    assertThat(failed.has("renditions")).as("no rendition: %s", failed).isFalse();
    assertThat(failed.has("thumbnail_url")).isFalse();
    // All the attacker can fetch is their own upload, byte for byte: nothing of the victim's.
    assertThat(downloadable(failed)).containsExactly(failed.get("download_url").asText());
    assertThat(api.raw("GET", failed.get("download_url").asText(), Map.of(), null).body())
        .as("the original is what was uploaded").isEqualTo(bytes);
    assertThat(server.stdout() + server.stderr()).as("the log names the recording and the reason")
        .contains("processing of recording " + id + " failed (" + reason + ")");
    return failed;
  }

  /** Every URL of a recording the owner can fetch: the original, renditions, the poster. */
  private static List<String> downloadable(JsonNode recording) {
    List<String> urls = new ArrayList<>();
    urls.add(recording.get("download_url").asText());
    recording.path("renditions").forEach(r -> urls.add(r.get("download_url").asText()));
    if (recording.hasNonNull("thumbnail_url")) {
      urls.add(recording.get("thumbnail_url").asText());
    }
    return urls;
  }

  private JsonNode awaitProcessed(String token, String id) {
    return Processed.await(api, server, token, id);
  }

  private static void ffmpeg(String... arguments) {
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      process.getInputStream().transferTo(out);
      assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
      assertThat(process.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
