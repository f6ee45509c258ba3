package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.Processed;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The server jar with processing on, real ffmpeg on a real MediaRecorder file (recorded in
 * Chromium): a completed upload becomes ready, its renditions download through their URLs and
 * probe as what they claim; a file that is not media fails with a reason and stays downloadable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessingIT {

  private final TempDirectory work = new TempDirectory("recordings-processing-it");
  private ServerProcess server;
  private Api api;
  private String token;

  @BeforeAll
  void startServer() {
    server = ServerProcess.start(work.path(), Map.of("RECORDING_PROCESSING_ENABLED", "true"));
    api = new Api(server.uri());
    server.awaitHealthy(api);
    token = api.devToken("processing@example.com");
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
    work.close();
  }

  @Test
  void aChromiumRecordingBecomesReadyWithASeekableOriginalAnMp4AndAPoster() throws Exception {
    byte[] uploaded = Files.readAllBytes(Processed.CHROMIUM_RECORDING);
    String id = Uploads.completedRecording(api, token, "processing-room", uploaded);

    JsonNode ready = awaitProcessed(id);

    assertThat(ready.get("processing").asText()).as("%s", ready).isEqualTo("ready");
    assertThat(ready.get("duration_ms").asLong()).isBetween(2_500L, 3_500L);
    assertThat(ready.get("width").asInt()).isPositive();
    assertThat(ready.get("height").asInt()).isPositive();
    List<String> formats = new ArrayList<>();
    ready.get("renditions").forEach(r -> formats.add(r.get("format").asText()));
    assertThat(formats).containsExactly("webm", "mp4");

    Path webm = download(ready.get("renditions").get(0).get("download_url").asText(), "seekable.webm");
    assertThat(Files.size(webm)).isEqualTo(ready.get("size").asLong());
    assertThat(probe(webm, "format=format_name")).contains("webm");
    assertThat(hasCues(uploaded)).as("MediaRecorder writes no index").isFalse();
    assertThat(hasCues(Files.readAllBytes(webm))).as("the remuxed WebM replaced it, with Cues").isTrue();

    Path mp4 = download(ready.get("renditions").get(1).get("download_url").asText(), "rendition.mp4");
    assertThat(Files.size(mp4)).isEqualTo(ready.get("renditions").get(1).get("size").asLong());
    assertThat(probe(mp4, "stream=codec_name")).contains("h264").contains("aac");
    assertThat(probe(mp4, "stream=pix_fmt")).contains("yuv420p");

    Api.Reply poster = api.raw("GET", ready.get("thumbnail_url").asText(), Map.of(), null);
    assertThat(poster.status()).isEqualTo(200);
    assertThat(poster.header("content-type")).startsWith("image/jpeg");
    assertThat(poster.body()[0] & 0xff).as("JPEG start of image").isEqualTo(0xff);
    assertThat(poster.body()[1] & 0xff).isEqualTo(0xd8);
  }

  @Test
  void aReadyRecordingHasAStoryboardAtItsStableAddressesThatGoesWithIt() throws Exception {
    String id = Uploads.completedRecording(api, token, "previews-room", Files.readAllBytes(Processed.CHROMIUM_RECORDING));
    JsonNode ready = awaitProcessed(id);
    String track = ready.get("storyboard_url").asText();
    assertThat(track).as("%s", ready).isEqualTo(api.base().resolve("/recordings/" + id + "/media/storyboard.vtt")
        .toString());
    Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);

    Api.Reply vtt = api.raw("GET", track, bearer, null);
    assertThat(vtt.status()).as("%s", vtt).isEqualTo(200);
    assertThat(vtt.header("content-type")).startsWith("text/vtt");
    // 3 s: a frame every 2 s, two tiles of 160x90 side by side, the cues end to end.
    assertThat(vtt.text()).isEqualTo("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nstoryboard.jpg#xywh=0,0,160,90\n\n"
        + "00:00:02.000 --> " + cueTime(ready.get("duration_ms").asLong()) + "\nstoryboard.jpg#xywh=160,0,160,90\n");
    Api.Reply sprite = api.raw("GET", URI.create(track).resolve("storyboard.jpg").toString(), bearer, null);
    assertThat(sprite.status()).as("the cues' relative address is the sprite's route: %s", sprite).isEqualTo(200);
    assertThat(sprite.header("content-type")).startsWith("image/jpeg");
    Path jpeg = work.path().resolve("storyboard.jpg");
    Files.write(jpeg, sprite.body());
    assertThat(probe(jpeg, "stream=codec_name,width,height")).contains("codec_name=mjpeg").contains("width=320")
        .contains("height=90");

    Api.Reply link = api.post("/recordings/" + id + "/shares", token, "{}");
    assertThat(link.status()).as("%s", link).isEqualTo(201);
    String shared = link.json().get("url").asText() + "/media/";
    assertThat(api.raw("GET", shared + "storyboard.vtt", Map.of(), null).text()).isEqualTo(vtt.text());
    assertThat(api.raw("GET", shared + "storyboard.jpg", Map.of(), null).body()).isEqualTo(sprite.body());
    String page = api.raw("GET", link.json().get("url").asText(), Map.of(), null).text();
    String path = URI.create(shared).getPath();
    assertThat(page).as("the watch page's scrubbing preview reads the link's own track")
        .contains("<track id=\"storyboard\" kind=\"metadata\" label=\"Storyboard\" src=\"" + path + "storyboard.vtt\">")
        .contains("<div id=\"scrub\" class=\"scrub\" hidden>");

    try (var files = Files.walk(work.path())) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .filteredOn(f -> f.endsWith(id + "-storyboard.jpg") || f.endsWith(id + "-storyboard.vtt")).hasSize(2);
    }
    assertThat(api.delete("/recordings/" + id, token).status()).isEqualTo(204);
    assertThat(api.raw("GET", track, bearer, null).status()).isEqualTo(404);
    try (var files = Files.walk(work.path())) {
      assertThat(files.map(f -> f.getFileName().toString())).as("the sprite and track went with the recording")
          .noneMatch(f -> f.contains(id + "-storyboard."));
    }
  }

  private static String cueTime(long millis) {
    return String.format(java.util.Locale.ROOT, "00:00:%02d.%03d", millis / 1000, millis % 1000);
  }

  @Test
  void aFileThatIsNotMediaFailsWithAReasonAndStaysDownloadable() {
    byte[] text = "this is not a recording at all".getBytes(StandardCharsets.UTF_8);
    String id = Uploads.completedRecording(api, token, "processing-room", text);

    JsonNode failed = awaitProcessed(id);

    assertThat(failed.get("processing").asText()).as("%s", failed).isEqualTo("failed");
    assertThat(failed.get("processing_error").asText()).isNotBlank();
    assertThat(failed.has("renditions")).isFalse();
    Api.Reply original = api.raw("GET", failed.get("download_url").asText(), Map.of(), null);
    assertThat(original.status()).isEqualTo(200);
    assertThat(original.body()).isEqualTo(text);
  }

  @Test
  void theMultipartTicketSaysTheServerProcesses() {
    Api.Reply ticket = api.post("/recordings/multipart", token, "{\"room_id\":\"processing-room\"}");
    assertThat(ticket.status()).as("%s", ticket).isEqualTo(201);
    assertThat(ticket.json().get("processing").asBoolean()).isTrue();
  }

  private JsonNode awaitProcessed(String id) {
    return Processed.await(api, server, token, id);
  }

  private Path download(String url, String name) throws IOException {
    Api.Reply reply = api.raw("GET", url, Map.of(), null);
    assertThat(reply.status()).as("GET %s", url).isEqualTo(200);
    Path file = work.path().resolve(name);
    Files.write(file, reply.body());
    return file;
  }

  private static String probe(Path file, String entries) {
    return run("ffprobe", "-v", "error", "-show_entries", entries, "-of", "default=noprint_wrappers=1", file.toString());
  }

  /** Whether the WebM holds a Cues element (EBML id 1C 53 BB 6B), the index players seek with. */
  private static boolean hasCues(byte[] webm) {
    byte[] cues = {0x1C, 0x53, (byte) 0xBB, 0x6B};
    outer:
    for (int i = 0; i + cues.length <= webm.length; i++) {
      for (int k = 0; k < cues.length; k++) {
        if (webm[i + k] != cues[k]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static String run(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not end in 60 s");
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
