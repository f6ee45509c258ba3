package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptCommandTest {

  static final String ID = "0b6e0b6e-0000-4000-8000-000000000001";

  @TempDir
  Path home;

  StubApi api;

  @BeforeEach
  void start() throws IOException {
    api = new StubApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void printsTheTextByDefaultAndAsksForTheFormatGiven() {
    api.on("/recordings/" + ID + "/transcript", (request, exchange) -> StubApi.send(exchange, 200,
        "text/plain;charset=utf-8", ("alice: hello there\nRemote: héllo back\n").getBytes(StandardCharsets.UTF_8)));

    Cli.Result result = new Cli(home).run("transcript", ID, "--api", api.url().toString(), "--token", "secret");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("alice: hello there\nRemote: héllo back\n");
    assertThat(api.requests.get(0).query()).isEqualTo("format=txt");
    assertThat(api.requests.get(0).header("Authorization")).isEqualTo("Bearer secret");
  }

  @Test
  void writesTheCaptionsToAFile() throws IOException {
    api.on("/recordings/" + ID + "/transcript", (request, exchange) -> StubApi.send(exchange, 200,
        "text/vtt;charset=utf-8", "WEBVTT\n\n1\n00:00:00.500 --> 00:00:01.500\n<v alice>hi</v>\n"
            .getBytes(StandardCharsets.UTF_8)));
    Path file = home.resolve("call.vtt");

    Cli.Result result = new Cli(home).run("transcript", ID, "--format", "vtt", "--output", file.toString(), "--api",
        api.url().toString(), "--token", "secret");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(Files.readString(file)).startsWith("WEBVTT\n").contains("<v alice>hi</v>");
    assertThat(result.out()).contains(file.toString());
    assertThat(api.requests.get(0).query()).isEqualTo("format=vtt");
  }

  @Test
  void aTranscriptNotReadyIsTheServersWordsAndAnUnknownFormatIsRefusedBeforeAnyRequest() {
    api.on("/recordings/" + ID + "/transcript", (request, exchange) -> StubApi.problem(exchange, 409, "Conflict",
        "the transcript of recording " + ID + " failed (engine_down); the recording itself is not affected"));

    Cli.Result refused = new Cli(home).run("transcript", ID, "--api", api.url().toString(), "--token", "secret");
    Cli.Result badFormat = new Cli(home).run("transcript", ID, "--format", "srt", "--api", api.url().toString(),
        "--token", "secret");
    Cli.Result badId = new Cli(home).run("transcript", "nope", "--api", api.url().toString(), "--token", "secret");

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("failed (engine_down)").doesNotContain("Exception");
    assertThat(badFormat.exitCode()).isNotZero();
    assertThat(badFormat.err()).contains("--format").contains("srt").contains("vtt, json, txt");
    assertThat(badId.err()).contains("'nope' is not a recording id");
    assertThat(api.requests).hasSize(1);
  }
}
