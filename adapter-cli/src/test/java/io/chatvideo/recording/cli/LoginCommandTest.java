package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.cli.client.RecordingsApi;
import io.chatvideo.recording.cli.config.Environment;
import io.chatvideo.recording.cli.config.TokenStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginCommandTest {

  @TempDir
  Path home;

  StubApi api;

  @BeforeEach
  void start() throws IOException {
    api = new StubApi()
        .on("/dev/token", (request, exchange) -> StubApi.json(exchange, 200,
            "{\"token\":\"jwt-for-" + RecordingsApi.JSON.readTree(request.body()).get("email").asText()
                + "\",\"expires_in\":43200}"))
        .on("/recordings", (request, exchange) -> StubApi.json(exchange, 200, "{\"recordings\":[]}"));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void loginKeepsTheTokenInAPrivateFileAndLaterCommandsUseIt() throws IOException {
    Cli cli = new Cli(home);

    Cli.Result login = cli.run("login", "--email", "ann@example.com", "--api", api.url().toString());

    assertThat(login.exitCode()).as(login.err()).isZero();
    Path credentials = home.resolve("config").resolve(TokenStore.FILE_NAME);
    assertThat(login.out()).contains("as ann@example.com").contains(credentials.toString()).contains("12 h");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials.getParent())))
        .isEqualTo("rwx------");
    try (var files = Files.list(credentials.getParent())) {
      assertThat(files).as("no temporary file is left").containsExactly(credentials);
    }

    Cli.Result list = cli.run("list");

    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(api.requests("GET", "/recordings").get(0).header("Authorization"))
        .isEqualTo("Bearer jwt-for-ann@example.com");
  }

  @Test
  void theSavedTokenIsNeverSentToAnotherApi() {
    Cli cli = new Cli(home);
    cli.run("login", "--email", "ann@example.com", "--api", api.url().toString());

    Cli.Result result = cli.run("list", "--api", "http://127.0.0.2:1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("no token for http://127.0.0.2:1/");
  }

  @Test
  void configDirectoryFollowsXdgWhenNotSetExplicitly() {
    Environment environment = new Environment(java.util.Map.of("XDG_CONFIG_HOME", "/xdg"), home,
        java.time.ZoneOffset.UTC, java.time.Clock.systemUTC(), false);

    assertThat(environment.configDirectory()).isEqualTo(Path.of("/xdg/recordings"));
    assertThat(new Environment(java.util.Map.of(), home, java.time.ZoneOffset.UTC, java.time.Clock.systemUTC(), false)
        .configDirectory()).isEqualTo(home.resolve(".config/recordings"));
  }

  @Test
  void loginOnAServerWithoutDevModeShowsItsAnswer() throws IOException {
    try (StubApi production = new StubApi().on("/dev/token", (request, exchange) ->
        StubApi.problem(exchange, 404, "Not Found", "dev tokens are off: this server takes tokens from its identity provider"))) {

      Cli.Result result = new Cli(home).run("login", "--email", "a@b.c", "--api", production.url().toString());

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).contains("dev tokens are off");
    }
  }
}
