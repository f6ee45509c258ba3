package io.chatvideo.recording.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.wiring.Composition.ProcessingMode;
import io.chatvideo.recording.wiring.Composition.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition on the local store, for each role: what it wires, said one way. */
class CompositionTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TempDir
  Path data;

  private Composition compose(Role role, Map<String, String> environment) {
    Map<String, String> all = new HashMap<>(environment);
    all.put("RECORDINGS_DATA_DIR", data.toString());
    return Composition.compose(WiringSettings.read(SettingsSource.environment(all)), role, Clock.systemUTC(),
        Composition.Edges.none());
  }

  @Test
  void queueingWithoutProcessingIsOneModeForTheServerWithoutWorkersAndForTheAdminCommands() {
    try (Composition server = compose(Role.SERVER, Map.of("RECORDING_PROCESSING_WORKERS", "0"))) {
      assertThat(server.processing()).isEqualTo(ProcessingMode.QUEUE);
      assertThat(server.recordings().processingEnabled()).isTrue();
      assertThat(server.recordings().runsJobs()).isFalse();
      assertThat(server.describe()).contains("processing queue");
    }
    try (Composition sweep = compose(Role.QUEUE, Map.of())) {
      assertThat(sweep.processing()).isEqualTo(ProcessingMode.QUEUE);
      assertThat(sweep.recordings().processingEnabled()).isTrue();
      assertThat(sweep.recordings().runsJobs()).isFalse();
    }
  }

  @Test
  void processingTurnedOffStaysOffAndEventsStillRun() {
    try (Composition server = compose(Role.SERVER, Map.of("RECORDING_PROCESSING_ENABLED", "false"))) {
      assertThat(server.processing()).isEqualTo(ProcessingMode.OFF);
      assertThat(server.recordings().processingEnabled()).isFalse();
      assertThat(server.recordings().eventsEnabled()).isTrue();
      assertThat(server.notes()).anyMatch(note -> note.contains("recording.processing.enabled=false"));
    }
  }

  @Test
  void aWorkerWithoutFfmpegIsRefusedNamingTheSetting() {
    SettingException refused = catchThrowableOfType(SettingException.class, () -> compose(Role.WORKER,
        Map.of("RECORDING_PROCESSING_FFMPEG", data.resolve("no-ffmpeg").toString())));

    assertThat(refused.key()).isEqualTo("recording.processing.ffmpeg");
    assertThat(refused.getMessage()).startsWith("recording.processing.ffmpeg (RECORDING_PROCESSING_FFMPEG) '");
  }

  @Test
  void theWorkerRegistersTheConfiguredWebhookAndUsesItsTimeoutAndRetries() {
    Map<String, String> environment = Map.of("RECORDING_PROCESSING_ENABLED", "false",
        "RECORDING_WEBHOOK_URL", "http://127.0.0.1:9/hook", "RECORDING_WEBHOOK_SECRET", SECRET,
        "RECORDING_WEBHOOK_ALLOW_LOOPBACK", "true", "RECORDING_WEBHOOK_TIMEOUT", "7s",
        "RECORDING_WEBHOOK_RETRIES", "1s,2m");
    try (Composition worker = compose(Role.EVENTS, environment)) {
      assertThat(worker.backend().events().orElseThrow().endpoints().find(WebhookEndpointId.CONFIGURED))
          .as("only the server and the worker register the configured endpoint").isEmpty();
    }
    try (Composition worker = compose(Role.WORKER, environment)) {
      assertThat(worker.backend().events().orElseThrow().endpoints().find(WebhookEndpointId.CONFIGURED)).isPresent();
      assertThat(worker.processing()).isEqualTo(ProcessingMode.RUN);
      assertThat(worker.describe()).contains("webhook url set, timeout PT7S, retries [PT1S, PT2M]");
    }
  }

  @Test
  void aWebhookUrlWithoutItsSecretIsRefusedNamingTheSecret() {
    SettingException refused = catchThrowableOfType(SettingException.class, () -> compose(Role.SERVER,
        Map.of("RECORDING_PROCESSING_ENABLED", "false", "RECORDING_WEBHOOK_URL", "https://hooks.example.com/in")));

    assertThat(refused.getMessage()).startsWith("recording.webhook.secret (RECORDING_WEBHOOK_SECRET) is required");
  }
}
