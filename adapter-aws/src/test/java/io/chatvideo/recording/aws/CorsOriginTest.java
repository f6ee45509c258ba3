package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CorsOriginTest {

  @ParameterizedTest
  @ValueSource(strings = {"https://app.example.com", "http://localhost:8080", "https://[::1]:8443", "HTTPS://App.example.com"})
  void aWebOriginIsKeptAsGiven(String origin) {
    assertThat(CorsOrigin.of(origin).value()).isEqualTo(origin);
    assertThat(CorsOrigin.of(origin)).hasToString(origin);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "*", "https://*.example.com", "app.example.com", "https://app.example.com/",
      "https://app.example.com/path", "ftp://app.example.com", "https://app.example.com?x=1",
      "https://app.example.com#top", "https://user@app.example.com", "https://app example.com"})
  void anythingElseIsRefusedSayingWhatAnOriginLooksLike(String origin) {
    assertThatThrownBy(() -> CorsOrigin.of(origin))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CORS origin");
  }
}
