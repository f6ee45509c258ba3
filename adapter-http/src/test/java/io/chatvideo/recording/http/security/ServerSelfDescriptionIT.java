package io.chatvideo.recording.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.RawHttp;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the server jar tells about itself (dev mode on the local backend, loopback, no {@code
 * recording.public-url}): absolute URLs name the bound address whatever a request's {@code Host}
 * or {@code X-Forwarded-*} say; it will not start off loopback without a public URL; {@code
 * /prometheus} wants its token; a link without downloads hands its player an inline URL only.
 * Dev mode answers only a loopback {@code Host} (421 to {@code evil.example}), so the poisoned
 * {@code Host} that reaches the routes is another loopback name, {@code evil.localhost}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerSelfDescriptionIT {

  private static final String METRICS_TOKEN = "m".repeat(16) + UUID.randomUUID().toString().replace("-", "");
  private static final String EVIL = "evil.example";
  private static final String EVIL_LOOPBACK = "evil.localhost";
  private static final Pattern SOURCE = Pattern.compile("<source src=\"([^\"]+)\"");

  private final TempDirectory work = new TempDirectory("recordings-self");
  private ServerProcess server;
  private Api api;

  @BeforeAll
  void start() {
    server = ServerProcess.start(work.path(), Map.of("RECORDING_METRICS_TOKEN", METRICS_TOKEN));
    api = new Api(server.uri());
    server.awaitHealthy(api);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    work.close();
  }

  @Test
  void aHeaderPoisonedAbsoluteUrlNeverAppearsInAnyAnswer() {
    String token = api.devToken("poison-" + UUID.randomUUID() + "@example.com");
    String id = Uploads.completedRecording(api, token, "poison-room", new byte[] {1, 2, 3});
    String share = api.post("/recordings/" + id + "/shares", token, "{\"allow_download\":true}").json()
        .get("url").asText();
    assertThat(share).startsWith(server.uri().toString().replaceAll("/$", "") + "/s/");
    String sharePath = URI.create(share).getPath();
    List<String> poisons = List.of(
        "Host: " + EVIL,
        "Host: " + EVIL_LOOPBACK + ":" + server.uri().getPort(),
        "Host: " + EVIL_LOOPBACK + "\r\nX-Forwarded-Host: " + EVIL + "\r\nX-Forwarded-Port: 443",
        "Host: 127.0.0.1:" + server.uri().getPort() + "\r\nX-Forwarded-Host: " + EVIL + "\r\nX-Forwarded-Proto: https",
        "Host: 127.0.0.1:" + server.uri().getPort() + "\r\nForwarded: host=" + EVIL + ";proto=https");
    for (String poison : poisons) {
      String auth = "\r\nAuthorization: Bearer " + token;
      String json = "{\"room_id\":\"poison-room\",\"size\":3}";
      List<String> answers = List.of(
          send("POST /recordings/upload-url HTTP/1.1\r\n" + poison + auth + "\r\nContent-Type: application/json"
              + "\r\nContent-Length: " + json.length(), json),
          send("GET /recordings/" + id + " HTTP/1.1\r\n" + poison + auth, ""),
          send("GET /recordings?limit=5 HTTP/1.1\r\n" + poison + auth, ""),
          send("POST /recordings/" + id + "/shares HTTP/1.1\r\n" + poison + auth
              + "\r\nContent-Type: application/json\r\nContent-Length: 2", "{}"),
          send("GET " + sharePath + " HTTP/1.1\r\n" + poison, ""),
          send("GET " + sharePath + "/media/original HTTP/1.1\r\n" + poison, ""));
      for (String answer : answers) {
        assertThat(RawHttp.status(answer)).as("%s\n%s", poison, answer).isLessThan(500);
        assertThat(answer).as("answer to a request with %s", poison).doesNotContainIgnoringCase(EVIL)
            .doesNotContainIgnoringCase(EVIL_LOOPBACK);
      }
      if (poison.startsWith("Host: " + EVIL + "\r") || poison.equals("Host: " + EVIL)) {
        assertThat(RawHttp.status(answers.get(0))).as("dev mode answers a foreign Host 421").isEqualTo(421);
        continue;
      }
      assertThat(answers.get(0)).as("%s", answers.get(0)).contains("\"upload_url\":\"" + server.uri().toString()
          .replaceAll("/$", "") + "/objects/");
      assertThat(answers.get(3)).as("%s", answers.get(3)).contains("\"url\":\"" + server.uri().toString()
          .replaceAll("/$", "") + "/s/");
      // On the local backend the share's media route streams the bytes itself: no address to poison.
      assertThat(RawHttp.status(answers.get(5))).as("%s", answers.get(5)).isEqualTo(200);
      assertThat(answers.get(5)).doesNotContainIgnoringCase("Location:");
    }
  }

  @Test
  void offLoopbackWithoutAPublicUrlTheServerRefusesToStart() {
    try (TempDirectory other = new TempDirectory("recordings-self-off-loopback")) {
      Map<String, String> environment = Map.of("MICRONAUT_SERVER_HOST", "0.0.0.0",
          "RECORDING_AUTH_ALLOW_DEV_OFF_LOOPBACK", "true");
      try (ServerProcess refused = ServerProcess.start(other.path(), environment)) {
        assertThat(refused.awaitExit(Duration.ofSeconds(60))).as("%s", refused.stdout()).isEqualTo(1);
        assertThat(refused.stderr()).contains("invalid configuration: recording.public-url (RECORDING_PUBLIC_URL) "
            + "is required when the server listens off loopback (micronaut.server.host is 0.0.0.0)")
            .doesNotContain("Exception");
      }
    }
  }

  @Test
  void prometheusWantsItsTokenAndTellsNothingWithout() {
    for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Authorization", "Bearer wrong"),
        Map.of("Authorization", "Bearer " + METRICS_TOKEN + "x"), Map.of("Authorization", METRICS_TOKEN))) {
      Api.Reply refused = api.raw("GET", api.base().resolve("/prometheus").toString(), headers, null);
      assertThat(refused.status()).as("%s: %s", headers, refused).isEqualTo(401);
      assertThat(refused.text()).doesNotContain("jvm_").doesNotContain("http_server_requests")
          .doesNotContain("recordings_uploads");
    }
    Api.Reply metrics = api.raw("GET", api.base().resolve("/prometheus").toString(),
        Map.of("Authorization", "Bearer " + METRICS_TOKEN), null);
    assertThat(metrics.status()).as("%s", metrics).isEqualTo(200);
    assertThat(metrics.text()).contains("http_server_requests_seconds_count{");
  }

  @Test
  void aLinkWithoutDownloadsHandsItsPlayerAnInlineUrlOnly() {
    String token = api.devToken("inline-" + UUID.randomUUID() + "@example.com");
    byte[] video = "not really a video, but bytes a player fetches".getBytes(StandardCharsets.UTF_8);
    String id = Uploads.completedRecording(api, token, "inline-room", video);
    String share = api.post("/recordings/" + id + "/shares", token, "{\"allow_download\":false}").json()
        .get("url").asText();
    Api.Reply page = api.raw("GET", share, Map.of(), null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).doesNotContain("attachment").doesNotContain("filename=").doesNotContain("/objects/")
        .contains("anyone who can watch a video can also save or record it");
    Matcher source = SOURCE.matcher(page.text());
    assertThat(source.find()).isTrue();
    // The player's stable address answers the range itself on the local backend, inline.
    Api.Reply media = api.raw("GET", api.base().resolve(source.group(1).replace("&amp;", "&")).toString(),
        Map.of("Range", "bytes=0-3"), null);
    assertThat(media.status()).as("%s", media).isEqualTo(206);
    assertThat(media.header("Content-Disposition")).isEqualTo("inline");
    assertThat(media.text()).isEqualTo("not ");
    for (String what : List.of("mp4", "poster", "download", "..%2F..%2Fsigning.key")) {
      Api.Reply none = api.raw("GET", api.base().resolve(URI.create(share).getPath() + "/media/" + what).toString(),
          Map.of(), null);
      assertThat(none.status()).as("%s: %s", what, none).isEqualTo(404);
    }
  }

  private String send(String head, String body) {
    return RawHttp.exchange(server.uri(), head, body.getBytes(StandardCharsets.UTF_8));
  }
}
