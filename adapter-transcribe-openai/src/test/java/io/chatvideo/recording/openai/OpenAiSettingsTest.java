package io.chatvideo.recording.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine's settings check themselves and never show the key. */
class OpenAiSettingsTest {

  @Test
  void theKeyNeverShowsInTheSettingsText() {
    OpenAiSettings settings = OpenAiSettings.of("https://api.openai.com/v1", Optional.of("sk-secret-123"),
        "whisper-1", Duration.ofMinutes(2), false);

    assertThat(settings.toString()).contains("key=(set)").doesNotContain("sk-secret-123");
  }

  @Test
  void theEndpointIsUnderTheBaseWithOrWithoutV1() {
    assertThat(OpenAiTranscriber.endpoint(URI.create("https://api.openai.com/v1/")))
        .hasToString("https://api.openai.com/v1/audio/transcriptions");
    assertThat(OpenAiTranscriber.endpoint(URI.create("http://127.0.0.1:8080")))
        .hasToString("http://127.0.0.1:8080/v1/audio/transcriptions");
    assertThat(OpenAiTranscriber.endpoint(URI.create("https://proxy.example/whisper")))
        .hasToString("https://proxy.example/whisper/v1/audio/transcriptions");
  }

  @Test
  void badValuesAreRefusedNamingWhatIsWrong() {
    assertThatThrownBy(() -> OpenAiSettings.of("https://x.example?a=b", Optional.empty(), "m", Duration.ofMinutes(1),
        false)).hasMessageContaining("a base without a query");
    assertThatThrownBy(() -> OpenAiSettings.of("https://x.example", Optional.of("has space"), "m",
        Duration.ofMinutes(1), false)).hasMessage("the key is printable ASCII without spaces");
    assertThatThrownBy(() -> OpenAiSettings.of("https://x.example", Optional.empty(), " ", Duration.ofMinutes(1),
        false)).hasMessageContaining("the model is a name");
    assertThatThrownBy(() -> OpenAiSettings.of("https://x.example", Optional.empty(), "m", Duration.ofHours(2),
        false)).hasMessageContaining("at most 1 hour");
  }
}
