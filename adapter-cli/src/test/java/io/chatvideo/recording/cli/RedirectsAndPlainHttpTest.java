package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token stays with its API: a redirect to another origin (another port of 127.0.0.1 is one)
 * is not followed with it, and a plain http API URL off this machine is warned about.
 */
class RedirectsAndPlainHttpTest {

  static final String ID = "0b6e0b6e-0000-4000-8000-000000000001";

  @TempDir
  Path home;

  StubApi api;
  StubApi elsewhere;

  @BeforeEach
  void start() throws IOException {
    api = new StubApi();
    elsewhere = new StubApi()
        .on("/recordings", (request, exchange) -> StubApi.json(exchange, 200, "{\"recordings\":[]}"))
        .on("/objects/", (request, exchange) -> StubApi.send(exchange, 200, "video/webm", new byte[] {1, 2, 3}));
  }

  @AfterEach
  void stop() {
    api.close();
    elsewhere.close();
  }

  static void redirect(HttpExchange exchange, int status, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    StubApi.send(exchange, status, "text/plain", new byte[0]);
  }

  @Test
  void aRedirectToAnotherOriginIsNotFollowedWithTheToken() {
    api.on("/recordings", (request, exchange) -> redirect(exchange, 307, elsewhere.url() + "/recordings?limit=50"));

    Cli.Result result = new Cli(home).run("list", "--api", api.url().toString(), "--token", "secret");

    assertThat(elsewhere.requests).as("nothing, least of all the token, reached the other origin").isEmpty();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("redirected to " + elsewhere.url() + "/recordings?limit=50, another origin")
        .contains("not sending your token there");
  }

  @Test
  void aRedirectWithinTheOriginIsFollowedWithTheToken() {
    api.on("/old/recordings", (request, exchange) -> redirect(exchange, 308, "/recordings?" + request.query()))
        .on("/recordings", (request, exchange) -> StubApi.json(exchange, 200, "{\"recordings\":[]}"));

    Cli.Result result = new Cli(home).run("list", "--api", api.url() + "/old/", "--token", "secret");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("no recordings\n");
    assertThat(api.requests("GET", "/recordings").get(0).header("Authorization")).isEqualTo("Bearer secret");
  }

  @Test
  void aPresignedDownloadFollowsTheStoresRedirectToAnotherHostWithoutToken() throws IOException {
    api.on("/recordings/", (request, exchange) -> StubApi.json(exchange, 200, """
            {"recording_id":"%s","room_id":"r1","filename":"call.webm","size":3,"status":"COMPLETED",
             "created_at":"2025-06-01T10:00:00Z","expires_at":"2025-07-01T10:00:00Z",
             "download_url":"/objects/key?sig=abc"}""".formatted(ID)))
        .on("/objects/", (request, exchange) -> redirect(exchange, 302, elsewhere.url() + "/objects/key?cdn=1"));
    Path target = home.resolve("call.webm");

    Cli.Result result = new Cli(home).run("download", ID, "-o", target.toString(), "--api", api.url().toString(),
        "--token", "secret");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    assertThat(elsewhere.requests("GET", "/objects/").get(0).header("Authorization")).isNull();
  }

  @Test
  void aPlainHttpApiOffThisMachineIsWarnedAbout() {
    // No token: the command stops before any request, so nothing leaves loopback.
    Cli.Result result = new Cli(home).run("list", "--api", "http://recordings.example.com:8080");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("warning: http://recordings.example.com:8080 is plain http to another "
        + "machine: the token crosses the network unencrypted; use https\n");
  }

  @Test
  void plainHttpOnLoopbackAndHttpsElsewhereAreNotWarnedAbout() {
    api.on("/recordings", (request, exchange) -> StubApi.json(exchange, 200, "{\"recordings\":[]}"));

    Cli.Result loopback = new Cli(home).run("list", "--api", api.url().toString(), "--token", "t");
    Cli.Result https = new Cli(home).run("list", "--api", "https://recordings.example.com");

    assertThat(loopback.err()).doesNotContain("warning");
    assertThat(https.err()).doesNotContain("warning").contains("no token for https://recordings.example.com/");
  }
}
