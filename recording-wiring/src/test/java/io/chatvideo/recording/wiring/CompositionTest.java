package io.chatvideo.recording.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatvideo.recording.core.domain.EventId;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.WebhookDelivery;
import io.chatvideo.recording.core.domain.WebhookDeliveryTarget;
import io.chatvideo.recording.core.domain.WebhookEndpoint;
import io.chatvideo.recording.core.domain.WebhookEndpointId;
import io.chatvideo.recording.core.domain.WebhookResponse;
import io.chatvideo.recording.core.domain.WebhookSecret;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.wiring.Composition.ProcessingMode;
import io.chatvideo.recording.wiring.Composition.Role;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition on the local store, for each role: what it wires, said one way. */
class CompositionTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @TempDir
  Path data;

  private Composition compose(Role role, Map<String, String> environment) {
    return compose(role, environment, Clock.systemUTC());
  }

  private Composition compose(Role role, Map<String, String> environment, Clock clock) {
    Map<String, String> all = new HashMap<>(environment);
    all.put("RECORDINGS_DATA_DIR", data.toString());
    return Composition.compose(WiringSettings.read(SettingsSource.environment(all)), role, clock,
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

  /**
   * On SQLite, as on DynamoDB (TTL), an event and its delivery log are gone once past the retention
   * ({@code recording.webhook.retention}): the sweep forgets them, so the outbox's {@code find}
   * answers empty, as the port promises.
   */
  @Test
  void theSweepForgetsEventsAndTheirDeliveriesOnSqliteOncePastTheirRetention() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    try (Composition server = compose(Role.SERVER, Map.of("RECORDING_PROCESSING_ENABLED", "false",
        "RECORDING_WEBHOOK_RETENTION", "2d"), clock)) {
      BackendEvents events = server.backend().events().orElseThrow();
      WebhookEndpoint endpoint = new WebhookEndpoint(WebhookEndpointId.random(),
          HttpUrl.parse("https://hooks.example.com/in"), List.of(WebhookSecret.random(new SecureRandom())),
          Set.of(EventType.RECORDING_READY), clock.instant(), Optional.empty());
      events.endpoints().save(endpoint);
      RecordingEvent event = new RecordingEvent(EventId.random(), EventType.RECORDING_READY, clock.instant(), "{}");
      events.outbox().record(event);
      WebhookDelivery delivery = new WebhookDelivery(new WebhookDeliveryTarget(event.id(), endpoint.id(), 1),
          EventType.RECORDING_READY, clock.instant(), new WebhookResponse.Delivered(204, Duration.ofMillis(3)),
          WebhookDelivery.Outcome.DELIVERED, Optional.empty());
      events.endpoints().recordDelivery(delivery);

      clock.advance(Duration.ofDays(2).minusSeconds(1));
      server.recordings().sweep().sweep();
      assertThat(events.outbox().find(event.id())).as("a second before its retention ends").contains(event);
      assertThat(events.endpoints().deliveries(endpoint.id(), 10)).containsExactly(delivery);

      clock.advance(Duration.ofSeconds(2));
      server.recordings().sweep().sweep();
      assertThat(events.outbox().find(event.id())).as("past its retention").isEmpty();
      assertThat(events.endpoints().deliveries(endpoint.id(), 10)).isEmpty();
      assertThat(events.endpoints().find(endpoint.id())).as("the endpoint itself stays").isPresent();
    }
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

  /** The Lambda: no ffmpeg, jobs queued for workers; it still stores and answers for the transcripts they make. */
  @Test
  void anInstanceThatQueuesForWorkersAnswersForTranscriptsWithoutFfmpegWhenTheEngineIsSaid() {
    try (Composition api = compose(Role.SERVER, Map.of("RECORDING_PROCESSING_WORKERS", "0",
        "RECORDING_PROCESSING_FFMPEG", data.resolve("no-ffmpeg-here").toString(), "RECORDING_TRANSCRIPTS_ENGINE",
        "embedded"))) {
      assertThat(api.processing()).isEqualTo(ProcessingMode.QUEUE);
      assertThat(api.recordings().transcriptsEnabled()).isTrue();
      assertThat(api.describe()).contains("transcripts embedded (PocketSphinx, en-US)");
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
  void theOpenaiEngineWithoutItsUrlAndAnotherLanguageForTheEmbeddedOneRefuseToStart() {
    SettingException openai = catchThrowableOfType(SettingException.class, () -> compose(Role.SERVER,
        Map.of("RECORDING_TRANSCRIPTS_ENGINE", "openai")));
    SettingException german = catchThrowableOfType(SettingException.class, () -> compose(Role.SERVER,
        Map.of("RECORDING_TRANSCRIPTS_ENGINE", "embedded", "RECORDING_TRANSCRIPTS_LANGUAGE", "de-DE")));
    SettingException unknown = catchThrowableOfType(SettingException.class, () -> compose(Role.SERVER,
        Map.of("RECORDING_TRANSCRIPTS_ENGINE", "whisper")));

    assertThat(openai.key()).isEqualTo("recording.transcripts.openai.url");
    assertThat(openai.getMessage()).contains("is required with the openai transcription engine");
    assertThat(german.key()).isEqualTo("recording.transcripts.language");
    assertThat(german.getMessage()).contains("'de-DE'").contains("en-US only");
    assertThat(unknown.getMessage()).contains("'whisper' is not an engine: embedded, openai or off");
  }

  @Test
  void theOpenaiEngineIsWiredFromItsSettingsAndDescribedWithoutItsKey() {
    try (Composition server = compose(Role.SERVER, Map.of("RECORDING_TRANSCRIPTS_ENGINE", "openai",
        "RECORDING_TRANSCRIPTS_OPENAI_URL", "https://transcribe.example.com", "RECORDING_TRANSCRIPTS_OPENAI_KEY",
        "sk-secret-never-shown", "RECORDING_TRANSCRIPTS_LANGUAGE", "de-DE"))) {
      assertThat(server.recordings().transcriptsEnabled()).isTrue();
      assertThat(server.describe()).contains("transcripts openai at https://transcribe.example.com")
          .contains("de-DE").doesNotContain("sk-secret-never-shown");
    }
  }
}
