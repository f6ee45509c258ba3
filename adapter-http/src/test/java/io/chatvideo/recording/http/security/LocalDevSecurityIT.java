package io.chatvideo.recording.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.support.RawHttp;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The attack suite against the jar in its default shape: dev mode, local backend. */
class LocalDevSecurityIT extends AttackedServer implements SecurityCases {

  @Override
  SecurityTarget start(Path work, TestIdentityProvider idp) {
    return SecurityServers.localDev(work);
  }

  @Test
  void aDevTokenIsRefusedToAPageAddressedToAnotherHost() {
    String answer = RawHttp.exchange(api().base(), "POST /dev/token HTTP/1.1\r\nHost: rebound.example.test\r\n"
        + "Content-Type: application/json\r\nContent-Length: 26", "{\"email\":\"v@example.test\"}".getBytes());

    assertThat(RawHttp.status(answer)).isEqualTo(421);
    assertThat(answer).doesNotContain("\"token\"");
  }
}
