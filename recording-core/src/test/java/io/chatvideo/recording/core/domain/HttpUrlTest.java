package io.chatvideo.recording.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpUrlTest {

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080", "https://recordings.example.com/api/", "http://[::1]:9000",
      "https://user@host.example/x?y#z"})
  void absoluteHttpAndHttpsUrlsWithAHostAreAccepted(String text) {
    assertThat(HttpUrl.parse(text).uri()).isEqualTo(URI.create(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      ftp://host.example    | is not an http or https URL
      /relative/path        | is not an http or https URL
      localhost:8080        | is not an http or https URL
      http://               | is not a URL
      https:///no-host      | has no host
      http://bad_host:80/   | has no host
      not a url             | is not a URL
      """)
  void anythingElseIsRefusedSayingWhy(String text, String problem) {
    assertThatThrownBy(() -> HttpUrl.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + text + "' " + problem);
  }

  @Test
  void aSyntaxErrorIsTheCauseSoThatCallersCanTellItApart() {
    assertThatThrownBy(() -> HttpUrl.parse("http://a b")).hasCauseInstanceOf(URISyntaxException.class);
    assertThatThrownBy(() -> HttpUrl.parse("ftp://a")).hasNoCause();
    assertThatThrownBy(() -> HttpUrl.parse(" ")).hasMessage("a URL is required");
  }

  @Test
  void theSchemeIsKeptInLowerCaseAndTheRestAsWritten() {
    HttpUrl url = HttpUrl.parse("HTTPS://Host.Example:8443/A%2Fb");

    assertThat(url.uri().toString()).isEqualTo("https://Host.Example:8443/A%2Fb");
    assertThat(url.isHttps()).isTrue();
    assertThat(HttpUrl.parse("Http://h").isHttps()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(textBlock = """
      https://app.example.com,       true,  false
      http://127.0.0.1:5173,         true,  false
      https://app.example.com/,      false, false
      https://app.example.com/path,  false, false
      https://user@app.example.com,  false, true
      'https://app.example.com?q=1', false, true
      https://app.example.com#f,     false, true
      """)
  void originsAndExtrasAreTold(String text, boolean originOnly, boolean extras) {
    HttpUrl url = HttpUrl.parse(text);

    assertThat(url.isOriginOnly()).isEqualTo(originOnly);
    assertThat(url.hasUserInfoQueryOrFragment()).isEqualTo(extras);
  }
}
