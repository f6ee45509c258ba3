package io.chatvideo.recording.cli;

import io.chatvideo.recording.http.support.ServerProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CLI integration test against one real server (local backend) for the whole class, and a
 * command line in each test's own home, logged in to it as {@code email}.
 */
abstract class AgainstServer {

  @TempDir
  static Path serverDirectory;

  static ServerProcess server;

  private final String email;

  @TempDir
  Path home;

  Cli cli;

  AgainstServer(String email) {
    this.email = email;
  }

  @BeforeAll
  static void startServer() {
    server = ServerFixture.start(serverDirectory, Map.of());
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @BeforeEach
  void logIn() {
    cli = ServerFixture.loggedIn(home, server.uri(), email);
  }
}
