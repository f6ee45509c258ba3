package io.chatvideo.recording.http.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Waiting for a server's processing to end, on a real MediaRecorder file or on anything else. */
public final class Processed {

  /** A Chromium MediaRecorder WebM (VP8 + Opus, 3 s, no Duration), the engine's own fixture. */
  public static final Path CHROMIUM_RECORDING =
      Path.of("..", "adapter-ffmpeg", "src", "test", "resources", "fixtures", "chromium-mediarecorder-3s.webm");
  /** A small file takes a second or two on an idle machine; the bound is for a loaded one. */
  public static final Duration BOUND = Duration.ofSeconds(90);

  private Processed() {}

  /** Polls the recording until processing is {@code ready} or {@code failed}, within {@link #BOUND}. */
  public static JsonNode await(Api api, ServerProcess server, String token, String id) {
    Instant deadline = Instant.now().plus(BOUND);
    while (true) {
      Api.Reply reply = api.get("/recordings/" + id, token);
      assertThat(reply.status()).as("%s", reply).isEqualTo(200);
      JsonNode recording = reply.json();
      String state = recording.path("processing").asText();
      if (state.equals("ready") || state.equals("failed")) {
        return recording;
      }
      assertThat(state).as("processing of %s", id).isIn("queued", "running");
      assertThat(Instant.now()).as("processing of %s ended within %s (stdout: %s)", id, BOUND, server.stdout())
          .isBefore(deadline);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
