package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatvideo.recording.http.support.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One version for the whole project: the built {@code recordings} jar says the version Maven built
 * it as, and the web package carries the same one (bin/release sets both; CONTRIBUTING.md).
 */
class VersionIT {

  private static final String POM_VERSION = System.getProperty("recordings.version");

  @Test
  void theBuiltCliSaysThePomVersion() throws Exception {
    Process cli = new ProcessBuilder(ServerProcess.javaCommand(), "-jar", System.getProperty("recordings.cli.jar"),
        "--version").redirectErrorStream(true).start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).as(out).isZero();
    assertThat(out.lines().findFirst()).as(out).contains("recordings " + POM_VERSION);
  }

  @Test
  void theWebPackageHasThePomVersion() throws IOException {
    Path packageJson = Path.of(System.getProperty("recordings.web.package"));

    String version = new ObjectMapper().readTree(packageJson.toFile()).path("version").asText();

    assertThat(version).as("version in %s", packageJson).isEqualTo(POM_VERSION);
  }
}
