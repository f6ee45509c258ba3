package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.ServerProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The CLI integration tests' server and their login to it, each in one place. The server is
 * adapter-http's launcher ({@link ServerProcess}, from its test-jar: the port chosen by the server
 * and read from its listening line), with a small heap and quick start for these tests.
 */
final class ServerFixture {

  private ServerFixture() {}

  /** The server jar with {@code environment}, working in {@code directory}, answering GET /health. */
  static ServerProcess start(Path directory, Map<String, String> environment) {
    ServerProcess server = ServerProcess.start(directory, environment, "-Xmx512m", "-XX:TieredStopAtLevel=1");
    try {
      return server.awaitHealthy(new Api(server.uri()));
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
  }

  /** A command line in {@code home}, on the real clock, logged in to {@code api} as {@code email}. */
  static Cli loggedIn(Path home, URI api, String email) {
    Cli cli = new Cli(home);
    cli.clock = Clock.systemUTC();
    logIn(cli, api, email);
    return cli;
  }

  /** Logs {@code cli} in to {@code api} (the server, or a proxy in front of it) as {@code email}. */
  static void logIn(Cli cli, URI api, String email) {
    Cli.Result login = cli.run("login", "--api", api.toString(), "--email", email);
    assertThat(login.exitCode()).as(login.err()).isZero();
  }
}
