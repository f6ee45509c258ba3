package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListCommandTest {

  static final String FIRST = "0b6e0b6e-0000-4000-8000-000000000001";
  static final String SECOND = "0b6e0b6e-0000-4000-8000-000000000002";

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

  static String recording(String id, String room, long size, String status) {
    return """
        {"recording_id":"%s","room_id":"%s","filename":"call.webm","size":%d,
         "created_at":"2025-06-01T10:15:30.123Z","expires_at":"2025-07-01T10:15:30Z","status":"%s",
         "download_url":"/objects/x?sig=1","owner":"ignored"}""".formatted(id, room, size, status);
  }

  @Test
  void printsAnAlignedTableWithHumanSizesAndLocalTimes() {
    api.on("/recordings", (request, exchange) -> StubApi.json(exchange, 200, "{\"recordings\":["
        + recording(FIRST, "room-a", 1536, "COMPLETED").replace("}", ",\"duration_ms\":3723400,\"processing\":\"ready\"}")
        + "," + recording(SECOND, "b", 12L * 1024 * 1024 * 1024 / 10, "PENDING") + "],\"next_token\":null}"));
    Cli cli = new Cli(home);
    cli.zone = ZoneId.of("Europe/Paris");

    Cli.Result result = cli.run("list", "--api", api.url().toString(), "--token", "secret");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo(String.join("\n",
        "ID                                    ROOM    CREATED              DURATION  SIZE     EXPIRES              STATUS"
            + "     PROCESSING",
        FIRST + "  room-a  2025-06-01 12:15:30  1:02:03   1.5 KiB  2025-07-01 12:15:30  COMPLETED  ready",
        SECOND + "  b       2025-06-01 12:15:30  -         1.2 GiB  2025-07-01 12:15:30  PENDING    -") + "\n");
    assertThat(api.requests.get(0).header("Authorization")).isEqualTo("Bearer secret");
    assertThat(api.requests.get(0).query()).isEqualTo("limit=50");
  }

  @Test
  void allFollowsNextTokensAndFiltersByRoom() {
    api.on("/recordings", (request, exchange) -> {
      if (request.query().contains("next_token=")) {
        StubApi.json(exchange, 200, "{\"recordings\":[" + recording(SECOND, "r 1", 10, "COMPLETED") + "]}");
      } else {
        StubApi.json(exchange, 200, "{\"recordings\":[" + recording(FIRST, "r 1", 10, "COMPLETED")
            + "],\"next_token\":\"abc+/=\"}");
      }
    });

    Cli.Result result = new Cli(home).with("--token", "t", "--api", api.url().toString())
        .run("list", "--room", "r 1", "--limit", "1", "--all");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains(FIRST).contains(SECOND);
    assertThat(api.requests).hasSize(2);
    assertThat(api.requests.get(0).query()).isEqualTo("limit=1&room_id=r+1");
    assertThat(api.requests.get(1).query()).isEqualTo("limit=1&room_id=r+1&next_token=abc%2B%2F%3D");
  }

  @Test
  void withoutAllOnlyTheFirstPageIsFetchedAndTheRestIsMentioned() {
    api.on("/recordings", (request, exchange) -> StubApi.json(exchange, 200, "{\"recordings\":["
        + recording(FIRST, "r", 10, "COMPLETED") + "],\"next_token\":\"more\"}"));

    Cli.Result result = new Cli(home).run("list", "--api", api.url().toString(), "--token", "t");

    assertThat(api.requests).hasSize(1);
    assertThat(result.err()).contains("add --all");
  }

  @Test
  void jsonPrintsTheApiFields() {
    api.on("/recordings", (request, exchange) -> StubApi.json(exchange, 200, "{\"recordings\":["
        + recording(FIRST, "r", 10, "COMPLETED").replace("}", ",\"duration_ms\":3000,\"processing\":\"failed\","
            + "\"processing_error\":\"not media\",\"width\":640,\"height\":480,\"thumbnail_url\":\"/objects/t\","
            + "\"renditions\":[{\"format\":\"mp4\",\"content_type\":\"video/mp4\",\"size\":7,"
            + "\"download_url\":\"/objects/m\"}]}") + "]}"));

    Cli.Result result = new Cli(home).run("list", "--json", "--api", api.url().toString(), "--token", "t");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"processing\" : \"failed\"").contains("\"processing_error\" : \"not media\"")
        .contains("\"duration_ms\" : 3000").contains("\"width\" : 640").contains("\"thumbnail_url\" : \"/objects/t\"")
        .contains("\"format\" : \"mp4\"").contains("\"download_url\" : \"/objects/m\"");
    assertThat(result.out()).contains("\"recording_id\" : \"" + FIRST + "\"")
        .contains("\"created_at\" : \"2025-06-01T10:15:30.123Z\"").contains("\"size\" : 10")
        .startsWith("[");
  }

  @Test
  void noRecordingsSaysSo() {
    api.on("/recordings", (request, exchange) -> StubApi.json(exchange, 200, "{\"recordings\":[]}"));

    Cli.Result result = new Cli(home).run("list", "--room", "r9", "--api", api.url().toString(), "--token", "t");

    assertThat(result.out()).isEqualTo("no recordings in room r9\n");
  }

  @Test
  void aProblemDetailIsWhatTheUserSees() {
    api.on("/recordings", (request, exchange) -> StubApi.problem(exchange, 400, "Bad Request",
        "room_id: must match [A-Za-z0-9_-]{1,128}"));

    Cli.Result result = new Cli(home).run("list", "--room", "no way", "--api", api.url().toString(), "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("error: room_id: must match [A-Za-z0-9_-]{1,128}\n");
  }

  @Test
  void aRefusedTokenSuggestsLoggingIn() {
    api.on("/recordings", (request, exchange) -> StubApi.problem(exchange, 401, "Unauthorized", "token expired"));

    Cli.Result result = new Cli(home).run("list", "--api", api.url().toString(), "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("token expired").contains("recordings login");
  }

  @Test
  void anErrorPageThatIsNotJsonStillGivesAClearMessage() {
    api.on("/recordings", (request, exchange) -> StubApi.send(exchange, 502, "text/html",
        "<html>Bad gateway</html>".getBytes()));

    Cli.Result result = new Cli(home).run("list", "--api", api.url().toString(), "--token", "t");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("the recordings API answered HTTP 502: <html>Bad gateway</html>");
  }
}
