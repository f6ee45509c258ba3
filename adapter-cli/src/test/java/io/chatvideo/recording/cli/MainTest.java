package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

  @TempDir
  Path home;

  @Test
  void helpListsEveryCommandAndTheExitCodes() {
    Cli.Result result = new Cli(home).run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("login", "list", "download", "upload", "delete", "admin", "completion",
        "Exit codes", "2  usage error");
  }

  @ParameterizedTest
  @ValueSource(strings = {"login", "list", "download", "upload", "delete", "admin", "admin init", "admin sweep",
      "admin list", "completion"})
  void everyCommandHasHelp(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.add("--help");

    Cli.Result result = new Cli(home).run(args.toArray(String[]::new));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("Usage: recordings " + command);
  }

  @Test
  void versionNamesTheBuiltVersion() {
    Cli.Result result = new Cli(home).run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("recordings 0.").doesNotContain("${project.version}");
  }

  @Test
  void publicRunReturnsTheExitCodeWithoutExiting() {
    StringWriter out = new StringWriter();

    int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("recordings");
  }

  @Test
  void noSubcommandIsAUsageError() {
    Cli.Result result = new Cli(home).run();

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required subcommand").contains("Usage: recordings");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result result = new Cli(home).run("list", "--colour");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Unknown option: '--colour'");
  }

  @Test
  void limitOutsideOneTo200IsAUsageError() {
    Cli.Result result = new Cli(home).run("list", "--limit", "0", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--limit must be 1 to 200, was 0");
  }

  @Test
  void downloadWithoutIdsOrRoomIsAUsageError() {
    assertThat(new Cli(home).run("download").err()).contains("name at least one recording id");
    Cli.Result roomWithoutAll = new Cli(home).run("download", "--room", "r1");
    assertThat(roomWithoutAll.exitCode()).isEqualTo(2);
    assertThat(roomWithoutAll.err()).contains("add --all to confirm");
    assertThat(new Cli(home).run("download", "--all").err()).contains("--all needs --room");
  }

  @Test
  void uploadWithoutRoomIsAUsageError() {
    Cli.Result result = new Cli(home).run("upload", "call.webm");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required option: '--room=ROOM'");
  }

  @Test
  void unreachableServerSaysWhichUrlAndFailsWithoutAStackTrace() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    Cli.Result result = new Cli(home).run("list", "--api", "http://127.0.0.1:" + closedPort, "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).startsWith("error: cannot reach the recordings API at http://127.0.0.1:" + closedPort)
        .doesNotContain("\tat ");
  }

  @Test
  void verboseAddsTheStackTrace() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    Cli.Result result = new Cli(home).run("list", "--verbose", "--api", "http://127.0.0.1:" + closedPort,
        "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("cannot reach").contains("\tat ").contains("ConnectException");
  }

  @Test
  void missingTokenTellsHowToGetOne() {
    Cli.Result result = new Cli(home).run("list");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("no token for http://127.0.0.1:8080/")
        .contains("recordings login --email").contains("RECORDINGS_TOKEN");
  }

  @Test
  void malformedApiUrlIsNamed() {
    Cli.Result result = new Cli(home).run("list", "--api", "localhost:8080", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo(
        "error: --api must be an http(s) URL like http://127.0.0.1:8080, was 'localhost:8080'\n");
  }

  @Test
  void aMalformedRecordingIdIsRefusedBeforeAnyRequest() {
    Cli.Result result = new Cli(home).run("delete", "../../health", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("'../../health' is not a recording id");
  }

  @Test
  void uploadRefusesAFileThatIsNoRecording() throws IOException {
    Path notes = Files.writeString(home.resolve("notes.txt"), "hello");

    Cli.Result result = new Cli(home).run("upload", notes.toString(), "--room", "r1", "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("cannot upload notes.txt: recordings are .webm (video/webm)");
  }

  @Test
  void uploadOfAMissingFileSaysSo() {
    Cli.Result result = new Cli(home).run("upload", home.resolve("gone.webm").toString(), "--room", "r1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("gone.webm: no such file");
  }

  @Test
  void completionScriptCompletesTheSubcommands() {
    Cli.Result result = new Cli(home).run("completion");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("complete -F").contains("_picocli_recordings")
        .contains("download").contains("admin");
  }
}
