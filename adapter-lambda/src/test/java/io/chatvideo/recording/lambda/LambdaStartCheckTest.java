package io.chatvideo.recording.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.chatvideo.recording.http.config.InvalidConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function refuses the server's defaults that cannot be safe there, before it makes a single bean. */
class LambdaStartCheckTest {

  private static Throwable start(Map<String, Object> properties) {
    return catchThrowable(() -> new RecordingsHandler(RecordingsHandler.contextBuilder().properties(properties)).close());
  }

  @Test
  void devModeIsRefusedWithTheSettingToChange() {
    Throwable failure = start(Map.of("recording.backend", "aws", "recording.auth.mode", "dev",
        "recording.auth.allow-dev-with-aws", "true"));

    assertThat(failure).isInstanceOf(InvalidConfigurationException.class)
        .hasMessage("invalid configuration: recording.auth.mode (RECORDING_AUTH_MODE) must be jwt in AWS Lambda: dev "
            + "mode hands out tokens to anyone who reaches the API; set the identity provider's JWKS URL, issuer and "
            + "audience");
  }

  @Test
  void noAuthModeIsDevModeAndRefusedToo() {
    Throwable failure = start(Map.of("recording.backend", "aws"));

    assertThat(failure).isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("RECORDING_AUTH_MODE");
  }

  @Test
  void theLocalBackendIsRefused() {
    Throwable failure = start(Map.of("recording.auth.mode", "jwt"));

    assertThat(failure).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("invalid configuration: recording.backend (RECORDING_BACKEND) must be aws in AWS Lambda");
  }

  @Test
  void aFunctionWithoutAPublicUrlIsRefused() {
    Throwable failure = start(Map.of("recording.auth.mode", "jwt", "recording.backend", "aws"));

    assertThat(failure).isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("invalid configuration: recording.public-url (RECORDING_PUBLIC_URL) is required in AWS Lambda");
  }
}
