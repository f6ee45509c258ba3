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

  @Test
  void transcriptsAreEmbeddedByDefaultWhereFfmpegHasTheAsrFilterAndSaySo() {
    try (Composition server = compose(Role.SERVER, Map.of())) {
      assertThat(server.recordings().transcriptsEnabled()).isTrue();
      assertThat(server.notes()).anyMatch(note -> note.startsWith("transcripts are on"));
      assertThat(server.describe()).contains("transcripts embedded (PocketSphinx, en-US)");
    }
    try (Composition worker = compose(Role.WORKER, Map.of());
        Composition server = compose(Role.SERVER, Map.of())) {
      assertThat(worker.describe()).as("one line for both").isEqualTo(server.describe());
    }
    try (Composition off = compose(Role.SERVER, Map.of("RECORDING_TRANSCRIPTS_ENGINE", "off"))) {
      assertThat(off.recordings().transcriptsEnabled()).isFalse();
      assertThat(off.describe()).contains("transcripts off");
    }
  }

  @Test
  void anFfmpegWithoutTheAsrFilterTurnsTheDefaultOffAndRefusesAnEmbeddedEngineAskedFor() throws Exception {
    Path bin = data.resolve("bin");
    java.nio.file.Files.createDirectories(bin);
    // An ffmpeg built without PocketSphinx: it knows no asr filter (and this one does nothing else either).
    for (String program : new String[] {"ffmpeg", "ffprobe"}) {
      Path script = bin.resolve(program);
      java.nio.file.Files.writeString(script, "#!/bin/sh\necho \"Unknown filter 'asr'.\"\n");
      script.toFile().setExecutable(true);
    }
    String ffmpeg = bin.resolve("ffmpeg").toString();

    try (Composition server = compose(Role.SERVER, Map.of("RECORDING_PROCESSING_FFMPEG", ffmpeg))) {
      assertThat(server.recordings().transcriptsEnabled()).isFalse();
      assertThat(server.notes()).anyMatch(note -> note.startsWith("transcripts are off")
          && note.contains("has no asr filter"));
    }
    SettingException refused = catchThrowableOfType(SettingException.class, () -> compose(Role.WORKER,
        Map.of("RECORDING_PROCESSING_FFMPEG", ffmpeg, "RECORDING_TRANSCRIPTS_ENGINE", "embedded")));
    assertThat(refused.key()).isEqualTo("recording.transcripts.engine");
    assertThat(refused.getMessage()).contains("has no asr filter");
  }

  @Test
  void theOpenaiEngineAndAnotherLanguageForTheEmbeddedOneRefuseToStart() {
    SettingException openai = catchThrowableOfType(SettingException.class, () -> compose(Role.SERVER,
        Map.of("RECORDING_TRANSCRIPTS_ENGINE", "openai")));
    SettingException german = catchThrowableOfType(SettingException.class, () -> compose(Role.SERVER,
        Map.of("RECORDING_TRANSCRIPTS_ENGINE", "embedded", "RECORDING_TRANSCRIPTS_LANGUAGE", "de-DE")));
    SettingException unknown = catchThrowableOfType(SettingException.class, () -> compose(Role.SERVER,
        Map.of("RECORDING_TRANSCRIPTS_ENGINE", "whisper")));

    assertThat(openai.getMessage()).contains("the openai engine is not built in this build");
    assertThat(german.key()).isEqualTo("recording.transcripts.language");
    assertThat(german.getMessage()).contains("'de-DE'").contains("en-US only");
    assertThat(unknown.getMessage()).contains("'whisper' is not an engine: embedded, openai or off");
  }
}
