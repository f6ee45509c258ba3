package io.chatvideo.recording.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiUrlTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:8080/api/",
      "http://api.localhost", "http://[::1]:8080", "https://recordings.example.com", "https://10.0.0.7"})
  void loopbackOrHttpsIsNotPlainHttpOffLoopback(String url) {
    assertThat(ApiUrl.parse(url, "--api").plainHttpOffLoopback()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://recordings.example.com", "http://10.0.0.7:8080", "http://[2001:db8::1]",
      "http://localhost.example.com"})
  void plainHttpToAnotherMachineIsSaid(String url) {
    assertThat(ApiUrl.parse(url, "--api").plainHttpOffLoopback()).isTrue();
  }

  @Test
  void theSchemeIsKeptInLowerCaseSoThatHttpIsRecognisedInAnyCase() {
    ApiUrl url = ApiUrl.parse("HTTP://recordings.example.com/api", "--api");

    assertThat(url.uri().toString()).isEqualTo("http://recordings.example.com/api");
    assertThat(url.plainHttpOffLoopback()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:8080", "ftp://host", "http://", "not a url"})
  void anythingButAnHttpUrlWithAHostIsRefusedNamingItsSource(String url) {
    assertThatThrownBy(() -> ApiUrl.parse(url, "RECORDINGS_API_URL"))
        .hasMessage("RECORDINGS_API_URL must be an http(s) URL like http://127.0.0.1:8080, was '" + url + "'");
  }
}
