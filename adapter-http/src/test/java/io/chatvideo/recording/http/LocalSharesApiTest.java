package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.TempDirectory;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Share links on the embedded default, over a socket, with the server's clock in the test's
 * hand: the page's media URLs are refused once their 5 minutes are over, and an expired link
 * answers 410.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSharesApiTest extends SharesApiContract implements TestPropertyProvider {

  private final TempDirectory data = new TempDirectory("recordings-local-shares");
  // Behind the wall clock, so dev tokens it stamps stay valid to nimbus (which checks nbf on the wall clock).
  private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofMinutes(30)));

  @Inject
  EmbeddedServer server;

  private Api api;

  @MockBean(Clock.class)
  Clock clock() {
    return clock;
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of("recording.data-dir", data.path().toString(), "recording.processing.enabled", "false");
  }

  @AfterAll
  void removeData() {
    data.close();
  }

  @Override
  boolean streamsMedia() {
    return true;
  }

  @Override
  Api api() {
    if (api == null) {
      api = new Api(server.getURI());
    }
    return api;
  }

  @Override
  void assertMediaDiesAfterItsBound(String mediaUrl) {
    assertThat(api().raw("GET", mediaUrl, Map.of("Range", "bytes=0-9"), null).status())
        .as("streamed at the stable address, a revoked link's media stops at once").isEqualTo(404);
  }

  @Override
  boolean passMediaLifetime() {
    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    return true;
  }

  @Test
  void anExpiredLinkAnswers410() {
    String owner = api().devToken(user());
    String id = recording(owner);
    String url = share(owner, id, "{\"expires_in\":60}").get("url").asText();
    assertPlainPage(page(url), 200);
    clock.advance(Duration.ofSeconds(61));
    assertPlainPage(page(url), 410);
  }
}
