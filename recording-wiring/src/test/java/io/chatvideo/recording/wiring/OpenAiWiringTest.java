package io.chatvideo.recording.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatvideo.recording.openai.OpenAiTranscriber;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code openai} transcription engine's settings, read and checked as every other setting. */
class OpenAiWiringTest {

  private static final String KEY = "sk-wiring-0123456789";

  @Test
  void noUrlNoEngineAndAskingForItSaysWhichSettingIsMissing() {
    WiringSettings settings = WiringSettings.read(SettingsSource.of(Map.of()));

    assertThat(settings.openai()).isEmpty();
    SettingException refused = catchThrowableOfType(() -> Composition.openAiTranscriber(settings),
        SettingException.class);
    assertThat(refused.key()).isEqualTo("recording.transcripts.openai.url");
  }

  @Test
  void theEnvironmentGivesTheEngineItsServerKeyModelAndTimeoutAndTheKeyIsNeverDescribed() throws Exception {
    WiringSettings settings = WiringSettings.read(SettingsSource.environment(Map.of(
        "RECORDING_TRANSCRIPTS_OPENAI_URL", "http://127.0.0.1:8080",
        "RECORDING_TRANSCRIPTS_OPENAI_ALLOW_LOOPBACK", "true",
        "RECORDING_TRANSCRIPTS_OPENAI_KEY", KEY,
        "RECORDING_TRANSCRIPTS_OPENAI_MODEL", "Systran/faster-whisper-small",
        "RECORDING_TRANSCRIPTS_OPENAI_TIMEOUT", "90s")));

    assertThat(settings.openai()).hasValueSatisfying(openai -> {
      assertThat(openai.key()).contains(KEY);
      assertThat(openai.model()).isEqualTo("Systran/faster-whisper-small");
      assertThat(openai.timeout()).isEqualTo(Duration.ofSeconds(90));
    });
    assertThat(settings.toString()).doesNotContain(KEY);
    try (OpenAiTranscriber engine = Composition.openAiTranscriber(settings)) {
      assertThat(engine.name()).isEqualTo("openai");
      assertThat(engine.describe()).isEqualTo("openai at http://127.0.0.1:8080/v1/audio/transcriptions, model "
          + "Systran/faster-whisper-small, with a key");
    }
  }

  @Test
  void aServerInsideTheNetworkOrOnLoopbackWithoutTheOptInIsRefusedAtStartUp() {
    SettingException privateAddress = catchThrowableOfType(() -> WiringSettings.read(SettingsSource.of(Map.of(
        "recording.transcripts.openai.url", "http://10.0.0.1:8000"))), SettingException.class);
    assertThat(privateAddress.key()).isEqualTo("recording.transcripts.openai.url");
    assertThat(privateAddress.getMessage()).contains("a transcription server URL is https");

    SettingException loopback = catchThrowableOfType(() -> WiringSettings.read(SettingsSource.of(Map.of(
        "recording.transcripts.openai.url", "http://localhost:8000"))), SettingException.class);
    assertThat(loopback.getMessage()).contains("recording.transcripts.openai.allow-loopback=true");
  }

  @Test
  void aBadKeyIsRefusedWithoutShowingIt() {
    SettingException refused = catchThrowableOfType(() -> WiringSettings.read(SettingsSource.of(Map.of(
        "recording.transcripts.openai.url", "https://api.openai.com",
        "recording.transcripts.openai.key", "sk-with a-space"))), SettingException.class);

    assertThat(refused.getMessage()).contains("the key is printable ASCII without spaces").doesNotContain("sk-with");
  }
}
