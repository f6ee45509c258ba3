package io.chatvideo.recording.http;

import static io.chatvideo.recording.http.support.Problems.assertBadField;
import static io.chatvideo.recording.http.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.RawHttp;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Per-user limits, request rates, the dev-mode Host check, chunked JSON and the page headers, on a
 * server whose clock the test moves (so rates are exact, never timing-dependent).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityControlsTest implements TestPropertyProvider {

  private final TempDirectory data = new TempDirectory("recordings-security");
  private final TempDirectory web = new TempDirectory("recordings-security-web");
  // Behind the wall clock, so tokens it stamps stay valid to nimbus (which checks nbf on the wall clock)
  // however far the cases move it.
  private final MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofMinutes(10)));

  @Inject
  EmbeddedServer server;

  @MockBean(Clock.class)
  Clock clock() {
    return clock;
  }

  @Override
  public Map<String, String> getProperties() {
    try {
      Files.writeString(web.path().resolve("index.html"), "<!doctype html><title>demo</title>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "recording.data-dir", data.path().toString(),
        "recording.web-dir", web.path().toString(),
        "recording.limits.max-pending-uploads", "2",
        "recording.limits.upload-requests-per-minute", "4",
        "recording.limits.dev-tokens-per-minute", "30");
  }

  @AfterAll
  void removeData() {
    data.close();
    web.close();
  }

  private Api api() {
    return new Api(server.getURI());
  }

  private static String user() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  private static String uploadUrl() {
    return "{\"room_id\":\"room-1\",\"size\":10}";
  }

  @Test
  void aThirdOpenUploadIsA429WithRetryAfterAndStoresNothing() {
    String token = api().devToken(user());
    assertThat(api().post("/recordings/upload-url", token, uploadUrl()).status()).isEqualTo(201);
    assertThat(api().post("/recordings/multipart", token, "{\"room_id\":\"room-1\"}").status()).isEqualTo(201);
    long files = filesInData();

    Api.Reply refused = api().post("/recordings/upload-url", token, uploadUrl());

    assertProblem(refused, 429);
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1800L);
    assertThat(api().get("/recordings", token).json().get("recordings")).hasSize(2);
    assertThat(filesInData()).isEqualTo(files);
  }

  @Test
  void theUploadRequestRateIsPerUserAndRefusesBeforeAnyRoute() {
    String token = api().devToken(user());
    for (int i = 0; i < 4; i++) {
      assertProblem(api().post("/recordings/" + UUID.randomUUID() + "/parts", token, "{\"parts\":[{\"part_number\":1,\"size\":1}]}"), 404);
    }

    Api.Reply refused = api().post("/recordings/upload-url", token, uploadUrl());

    assertProblem(refused, 429);
    assertThat(refused.header("Retry-After")).isEqualTo("15");
    assertThat(api().get("/recordings", token).json().get("recordings")).isEmpty();
    assertThat(api().post("/recordings/upload-url", api().devToken(user()), uploadUrl()).status()).isEqualTo(201);
    clock.advance(Duration.ofSeconds(15));
    assertThat(api().post("/recordings/upload-url", token, uploadUrl()).status()).isEqualTo(201);
  }

  @Test
  void devTokensAreRateLimitedPerClientAddress() {
    Api.Reply refused = null;
    for (int i = 0; i < 40 && refused == null; i++) {
      Api.Reply reply = api().post("/dev/token", null, "{\"email\":\"" + user() + "\"}");
      refused = reply.status() == 429 ? reply : null;
    }

    assertThat(refused).as("a 429 within 40 tokens at 30 a minute").isNotNull();
    assertProblem(refused, 429);
    assertThat(refused.header("Retry-After")).isEqualTo("2");
    clock.advance(Duration.ofSeconds(2));
    assertThat(api().post("/dev/token", null, "{\"email\":\"" + user() + "\"}").status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1)); // a full bucket again for the other cases' tokens
  }

  @Test
  void aDurationLongerThanTheRetentionIsA400AndTheRecordingCanStillComplete() {
    String token = api().devToken(user());
    String id = Uploads.putSingle(api(), token, "room-1", new byte[10]).get("recording_id").asText();

    assertBadField(api().post("/recordings/" + id + "/complete", token, "{\"duration_ms\":10000000000000}"),
        "duration_ms");
    Api.Reply completed = api().post("/recordings/" + id + "/complete", token, "{\"duration_ms\":61000}");
    assertThat(completed.status()).as("%s", completed).isEqualTo(200);
    assertThat(completed.json().get("duration_ms").asLong()).isEqualTo(61000);
  }

  @Test
  void aChunkedJsonBodyOverTheLimitIs413AndASmallOneWorks() {
    String token = api().devToken(user());
    String big = "{\"room_id\":\"room-1\",\"filename\":\"" + "a".repeat(100_000) + "\"}";
    String head = "POST /recordings/upload-url HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked";

    String refused = RawHttp.exchange(server.getURI(), head, RawHttp.chunked(big.getBytes(StandardCharsets.UTF_8), 4096));
    String accepted = RawHttp.exchange(server.getURI(), head, RawHttp.chunked(uploadUrl().getBytes(StandardCharsets.UTF_8), 7));

    assertThat(RawHttp.status(refused)).as(refused).isEqualTo(413);
    assertThat(RawHttp.status(accepted)).as(accepted).isEqualTo(201);
  }

  @Test
  void devModeAnswersOnlyRequestsAddressedToLoopback() {
    for (String host : new String[] {"evil.example.test", "127.0.0.1.evil.example.test", "localhost.evil.test:80"}) {
      String answer = RawHttp.exchange(server.getURI(), "POST /dev/token HTTP/1.1\r\nHost: " + host
          + "\r\nContent-Type: application/json\r\nContent-Length: 27", "{\"email\":\"a@example.test\"}".getBytes());
      assertThat(RawHttp.status(answer)).as(host).isEqualTo(421);
      assertThat(answer).doesNotContain("token\"");
    }
    String local = RawHttp.exchange(server.getURI(), "GET /health HTTP/1.1\r\nHost: localhost:" + server.getPort(),
        new byte[0]);
    assertThat(RawHttp.status(local)).isEqualTo(200);
  }

  @Test
  void servedPagesCarryAContentSecurityPolicyAndNoReferrer() {
    Api.Reply page = api().get("/index.html", null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("frame-ancestors 'none'")
        .contains("img-src 'self' data: blob:").doesNotContain("unsafe");
    assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(api().get("/health", null).header("Referrer-Policy")).isEqualTo("no-referrer");
  }

  @Test
  void aStorageFailureOnObjectsNamesNoServerPath() throws IOException {
    String token = api().devToken(user());
    com.fasterxml.jackson.databind.JsonNode ticket = api().post("/recordings/upload-url", token,
        "{\"room_id\":\"room-1\",\"size\":3}").json();
    Path staging = data.path().resolve("tmp");
    Path aside = data.path().resolve("tmp-aside");
    Files.move(staging, aside);
    Files.writeString(staging, "not a folder");
    try {
      Api.Reply put = api().raw("PUT", ticket.get("upload_url").asText(),
          Uploads.headers(ticket.get("upload_headers")), new byte[3]);

      assertProblem(put, 503);
      assertThat(put.text()).doesNotContain(data.path().toString()).doesNotContain("/tmp");
    } finally {
      Files.delete(staging);
      Files.move(aside, staging);
    }
  }

  private long filesInData() {
    try (Stream<Path> files = Files.walk(data.path())) {
      return files.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
