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
    sendParts(api, token, id, webm, partSize);
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

  /** Parts 1 to {@link #PARTS_SENT} of the file, as the web client sends them while the call goes on. */
  private static void sendParts(Api api, String token, String id, byte[] webm, int partSize) {
    StringBuilder parts = new StringBuilder();
    for (int number = 1; number <= PARTS_SENT; number++) {
      parts.append(number == 1 ? "" : ",").append("{\"part_number\":").append(number).append(",\"size\":")
          .append(partSize).append('}');
    }
    Api.Reply signed = api.post("/recordings/" + id + "/parts", token, "{\"parts\":[" + parts + "]}");
    assertThat(signed.status()).as("parts: %s", signed).isEqualTo(200);
    for (JsonNode part : signed.json().get("parts")) {
      int number = part.get("part_number").asInt();
      byte[] body = Arrays.copyOfRange(webm, (number - 1) * partSize, number * partSize);
      Api.Reply put = api.raw("PUT", part.get("upload_url").asText(), Uploads.headers(part.get("upload_headers")),
          body);
      assertThat(put.status()).as("PUT part %d: %s", number, put).isEqualTo(200);
    }
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
