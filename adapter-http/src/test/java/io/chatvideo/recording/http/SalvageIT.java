package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.core.testing.Await;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.CutShortCall;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import io.chatvideo.recording.http.support.WebhookReceiver;
import io.chatvideo.recording.http.support.WebhookReceiver.Hook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A call whose browser never came back, on the server jar with the local backend: the client sends
 * {@value #PARTS_SENT} parts of a real WebM (VP8 + Opus, no Duration in its header, as
 * MediaRecorder writes it) and is gone before the rest; the server started again two days later
 * (its clock moved by libfaketime) sweeps at start and, instead of deleting the upload, completes it
 * with the parts it has. The recording is COMPLETED and {@code partial} ({@code client_gone}),
 * listed, announced with {@code partial} in {@code recording.completed}, processed to a seekable
 * original and an MP4 that ffprobe finds playing up to the last frame that arrived.
 */
class SalvageIT {

  /** Long enough that its first parts hold a few seconds and the part never sent holds more. */
  private static final int SECONDS = 10;
  private static final int PARTS_SENT = 3;
  private static final Duration TWO_DAYS = Duration.ofDays(2);
  /** Generous for a shared two-core machine; the wait ends as soon as the recording is ready. */
  private static final Duration READY = Duration.ofMinutes(3);
  private static final String OWNER = "salvage@example.com";

  private final TempDirectory work = new TempDirectory("recordings-salvage");
  private final WebhookReceiver receiver = WebhookReceiver.start();
  private final List<ServerProcess> servers = new ArrayList<>();

  @AfterEach
  void stop() {
    servers.forEach(ServerProcess::close);
    receiver.close();
    work.close();
  }

  @Test
  void anUploadWhoseClientNeverCameBackIsCompletedWithItsPartsAsAPlayablePartialRecording() throws Exception {
    Salvaged salvaged = salvage();
    byte[] webm = salvaged.webm();
    int partSize = salvaged.partSize();
    String id = salvaged.id();
    Api again = salvaged.api();
    String laterToken = salvaged.token();
    ServerProcess later = salvaged.server();
    JsonNode ready = salvaged.ready();

    assertThat(ready.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(ready.get("partial").asBoolean()).isTrue();
    assertThat(ready.get("partial_reason").asText()).isEqualTo("client_gone");
    JsonNode listed = again.get("/recordings", laterToken).json().get("recordings");
    assertThat(listed).as("listed").anySatisfy(r -> {
      assertThat(r.get("recording_id").asText()).isEqualTo(id);
      assertThat(r.get("partial").asBoolean()).isTrue();
    });

    Hook completed = receiver.awaitCompletions(Set.of(id), READY, later).get(id).get(0);
    assertThat(completed.body()).contains("\"status\":\"COMPLETED\"", "\"partial\":true",
        "\"partial_reason\":\"client_gone\"");
    assertThat(completed.signature()).isEqualTo(completed.expectedSignature());

    double cut = CutShortCall.lastVideoPacketSeconds(Files.write(work.path().resolve("parts-sent.webm"),
        Arrays.copyOf(webm, PARTS_SENT * partSize)));
    Path original = download(again, ready, "webm", work.path().resolve("salvaged.webm"));
    Path mp4 = download(again, ready, "mp4", work.path().resolve("salvaged.mp4"));
    for (Path file : List.of(original, mp4)) {
      double seconds = Double.parseDouble(CutShortCall.run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of",
          "csv=p=0", file.toString()).strip());
      assertThat(seconds).as("%s: duration, to the last frame of the parts sent (%.3f s)", file.getFileName(), cut)
          .isCloseTo(cut, within(0.25)).isLessThan(SECONDS - 1);
      assertThat(CutShortCall.run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"))
          .as("%s decodes to its end without an error", file.getFileName()).isBlank();
    }
    assertThat(CutShortCall.run("ffprobe", "-v", "error", "-show_entries", "format_tags", "-show_entries", "format=duration",
        "-of", "default=nw=1", original.toString())).as("the seekable original has a Duration").contains("duration=");
    System.out.printf("salvaged %d of %d bytes: %.3f s of a %d s call, ready %s%n", PARTS_SENT * partSize,
        webm.length, cut, SECONDS, ready.get("completed_at").asText());
  }

  /**
   * The browser that comes back (here a Java client doing what the web client's recovery does):
   * two days after the call, with the rest of the call in its journal, it asks for the replacement
   * upload, finds parts 1 to {@value #PARTS_SENT} there already (copied by the server, not sent
   * again), puts the others and completes. The same recording then holds the whole call:
   * {@code partial} false, processed again (seekable original and MP4 as long as the whole call),
   * announced by a second {@code recording.completed} with {@code replaces_partial}, listed once.
   */
  @Test
  void aBrowserThatComesBackAfterTheSalvageReplacesThePartialRecordingWithTheWholeCall() throws Exception {
    Salvaged salvaged = salvage();
    byte[] webm = salvaged.webm();
    int partSize = salvaged.partSize();
    String id = salvaged.id();
    Api api = salvaged.api();
    String token = salvaged.token();
    int parts = (webm.length + partSize - 1) / partSize;

    Api.Reply ticket = api.post("/recordings/" + id + "/replacement", token, "");
    assertThat(ticket.status()).as("replacement: %s", ticket).isEqualTo(200);
    assertThat(ticket.json().get("upload_id").asText()).isNotBlank();
    List<String> etags = new ArrayList<>();
    for (JsonNode part : ticket.json().get("parts")) {
      assertThat(part.get("part_number").asInt()).isEqualTo(etags.size() + 1);
      assertThat(part.get("size").asLong()).isEqualTo(partSize);
      etags.add(part.get("etag").asText());
    }
    assertThat(etags).as("the parts the server had, copied: the client need not send them").hasSize(PARTS_SENT);
    etags.addAll(sendParts(api, token, id, webm, partSize, PARTS_SENT + 1, parts));

    String stranger = api.devToken("someone-else@example.com");
    assertThat(api.post("/recordings/" + id + "/replacement", stranger, "").status())
        .as("only the owner may replace it").isEqualTo(404);

    StringBuilder completion = new StringBuilder("{\"duration_ms\":").append(SECONDS * 1000).append(",\"parts\":[");
    for (int number = 1; number <= parts; number++) {
      completion.append(number == 1 ? "" : ",").append("{\"part_number\":").append(number).append(",\"etag\":")
          .append(Api.JSON.writeValueAsString(etags.get(number - 1))).append('}');
    }
    Api.Reply completed = api.post("/recordings/" + id + "/complete", token, completion.append("]}").toString());
    assertThat(completed.status()).as("complete: %s", completed).isEqualTo(200);
    assertThat(completed.json().get("partial").asBoolean()).as("%s", completed).isFalse();
    assertThat(completed.json().has("partial_reason")).isFalse();

    JsonNode whole = Await.until("the whole call to be processed", READY, () -> {
      JsonNode recording = api.get("/recordings/" + id, token).json();
      return recording.path("processing").asText().equals("ready") ? Optional.of(recording) : Optional.empty();
    });
    assertThat(whole.get("partial").asBoolean()).isFalse();
    assertThat(whole.get("size").asLong()).as("the whole file, as the client recorded it, then made seekable")
        .isGreaterThan((long) PARTS_SENT * partSize);
    JsonNode listed = api.get("/recordings", token).json().get("recordings");
    assertThat(listed).as("listed once").filteredOn(r -> r.get("recording_id").asText().equals(id)).hasSize(1);

    Hook replaced = Await.until("the replacement to be announced", READY, () -> receiver.received().stream()
        .filter(hook -> id.equals(hook.recordingId()) && hook.body().contains("\"replaces_partial\":true"))
        .findFirst());
    assertThat(replaced.body()).startsWith("{\"type\":\"recording.completed\"").contains("\"partial\":false");
    assertThat(replaced.signature()).isEqualTo(replaced.expectedSignature());

    double end = CutShortCall.lastVideoPacketSeconds(work.path().resolve("call.webm"));
    for (Path file : List.of(download(api, whole, "webm", work.path().resolve("whole.webm")),
        download(api, whole, "mp4", work.path().resolve("whole.mp4")))) {
      double seconds = Double.parseDouble(CutShortCall.run("ffprobe", "-v", "error", "-show_entries",
          "format=duration", "-of", "csv=p=0", file.toString()).strip());
      assertThat(seconds).as("%s: the whole call (%.3f s)", file.getFileName(), end).isCloseTo(end, within(0.25));
      assertThat(CutShortCall.run("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-"))
          .as("%s decodes to its end without an error", file.getFileName()).isBlank();
    }

    Api.Reply again = api.post("/recordings/" + id + "/replacement", token, "");
    assertThat(again.status()).as("a whole recording has nothing to replace: %s", again).isEqualTo(409);
    assertThat(again.text()).contains("holds the whole call");
    assertThat(api.delete("/recordings/" + id, token).status()).isEqualTo(204);
    assertThat(api.post("/recordings/" + id + "/replacement", token, "").status()).as("deleted").isEqualTo(404);
    System.out.printf("replaced a %d-part salvage with all %d parts: %.3f s%n", PARTS_SENT, parts, end);
  }

  /** What the first test starts from: a call cut short after {@value #PARTS_SENT} parts, salvaged and processed. */
  private record Salvaged(byte[] webm, int partSize, String id, ServerProcess server, Api api, String token,
      JsonNode ready) {}

  private Salvaged salvage() throws Exception {
    byte[] webm = CutShortCall.record(work.path().resolve("call.webm"), SECONDS);

    ServerProcess first = start(Duration.ZERO);
    Api api = new Api(first.uri());
    String token = api.devToken(OWNER);
    Api.Reply started = api.post("/recordings/multipart", token,
        "{\"room_id\":\"salvage-room\",\"filename\":\"call.webm\",\"content_type\":\"video/webm;codecs=vp8,opus\"}");
    assertThat(started.status()).as("multipart: %s", started).isEqualTo(201);
    String id = started.json().get("recording_id").asText();
    assertThat(started.json().get("processing").asBoolean()).as("the ticket says the server processes").isTrue();
    int partSize = started.json().get("min_part_size").asInt();
    assertThat(webm.length).as("the test file holds more than the parts sent").isGreaterThan(PARTS_SENT * partSize);
    sendParts(api, token, id, webm, partSize, 1, PARTS_SENT);
    assertThat(api.get("/recordings/" + id, token).json().get("status").asText()).isEqualTo("PENDING");
    first.close();
    // The client is gone: nothing completes the upload. Two days later the server sweeps at start.

    ServerProcess later = start(TWO_DAYS);
    Api again = new Api(later.uri());
    String laterToken = again.devToken(OWNER);
    JsonNode ready = Await.until("the salvaged recording to be processed", READY, () -> {
      Api.Reply reply = again.get("/recordings/" + id, laterToken);
      assertThat(reply.status()).as("GET /recordings/%s: %s", id, reply).isEqualTo(200);
      JsonNode recording = reply.json();
      assertThat(recording.path("processing").asText()).as("%s", recording).isIn("queued", "running", "ready");
      return recording.path("processing").asText().equals("ready") ? Optional.of(recording) : Optional.empty();
    });

    return new Salvaged(webm, partSize, id, later, again, laterToken, ready);
  }

  private ServerProcess start(Duration ahead) {
    Map<String, String> environment = Map.of(
        "RECORDING_PROCESSING_ENABLED", "true",
        "RECORDING_WEBHOOK_URL", receiver.url(),
        "RECORDING_WEBHOOK_SECRET", WebhookReceiver.SECRET,
        "RECORDING_WEBHOOK_ALLOW_LOOPBACK", "true");
    ServerProcess server = ahead.isZero() ? ServerProcess.start(work.path(), environment)
        : ServerProcess.startAhead(ahead, work.path(), environment);
    servers.add(server);
    server.awaitHealthy(new Api(server.uri()));
    return server;
  }

  /** Parts {@code from} to {@code to} of the file, as the web client sends them; answers their etags. */
  private static List<String> sendParts(Api api, String token, String id, byte[] webm, int partSize, int from,
      int to) {
    StringBuilder parts = new StringBuilder();
    for (int number = from; number <= to; number++) {
      parts.append(number == from ? "" : ",").append("{\"part_number\":").append(number).append(",\"size\":")
          .append(Math.min(partSize, webm.length - (long) (number - 1) * partSize)).append('}');
    }
    Api.Reply signed = api.post("/recordings/" + id + "/parts", token, "{\"parts\":[" + parts + "]}");
    assertThat(signed.status()).as("parts: %s", signed).isEqualTo(200);
    List<String> etags = new ArrayList<>();
    for (JsonNode part : signed.json().get("parts")) {
      int number = part.get("part_number").asInt();
      byte[] body = Arrays.copyOfRange(webm, (number - 1) * partSize, Math.min(webm.length, number * partSize));
      Api.Reply put = api.raw("PUT", part.get("upload_url").asText(), Uploads.headers(part.get("upload_headers")),
          body);
      assertThat(put.status()).as("PUT part %d: %s", number, put).isEqualTo(200);
      etags.add(put.header("ETag"));
    }
    return etags;
  }

  private static Path download(Api api, JsonNode recording, String format, Path target) throws IOException {
    for (JsonNode rendition : recording.get("renditions")) {
      if (rendition.get("format").asText().equals(format)) {
        Api.Reply download = api.raw("GET", rendition.get("download_url").asText(), Map.of(), null);
        assertThat(download.status()).as("GET the %s: %s", format, download).isEqualTo(200);
        return Files.write(target, download.body());
      }
    }
    throw new AssertionError("no " + format + " rendition in " + recording);
  }
}
