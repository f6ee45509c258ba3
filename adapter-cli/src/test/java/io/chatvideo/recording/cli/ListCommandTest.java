package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
  void filtersGoAsQueryParametersWithAgesAndDatesTurnedIntoInstants() {
    api.on("/recordings", (request, exchange) -> StubApi.json(exchange, 200, "{\"recordings\":[]}"));
    Cli cli = new Cli(home);
    cli.zone = ZoneId.of("Europe/Paris");

    Cli.Result result = cli.run("list", "--api", api.url().toString(), "--token", "t", "--room", "standup-1",
        "--since", "7d", "--until", "2026-12-01", "--status", "completed", "--processing", "ready",
        "--search", "Été 100%", "--participant", "bob@example.com", "--sort", "oldest");

    assertThat(result.exitCode()).as(result.err()).isZero();
    // Now is 2025-06-01T12:00:00Z; 2026-12-01 starts at 23:00 UTC the day before in Paris.
    assertThat(api.requests.get(0).query()).isEqualTo("limit=50&room_id=standup-1&status=COMPLETED"
        + "&processing=ready&from=2025-05-25T12%3A00%3A00Z&to=2026-11-30T23%3A00%3A00Z&q=%C3%A9t%C3%A9+100%25"
        + "&participant=bob%40example.com&sort=oldest");
    assertThat(result.out()).isEqualTo("no recordings in room standup-1 that match\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      an age that is not one     | --since  | yesterday            | error: --since: 'yesterday' is not an age like 7d
      a date that does not exist | --until  | 2026-02-30           | error: --until: '2026-02-30' is not an age like 7d
      an unknown status          | --status | done                 | error: --status: must be PENDING, COMPLETED or ABANDONED, was 'done'
      an unknown processing      | --processing | READY            | error: --processing: must be queued, running, ready, failed or off
      an unknown order           | --sort   | latest               | error: --sort: must be newest or oldest, was 'latest'
      a blank search             | --search | ' '                  | error: --search: must not be blank
      """)
  void aBadValueIsOneLineAndExitTwoAndNothingIsSent(String scenario, String option, String value, String line) {
    Cli.Result result = new Cli(home).run("list", "--api", api.url().toString(), "--token", "t", option, value);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith(line).endsWith("\n").doesNotContain("Usage");
    assertThat(result.err().strip()).doesNotContain("\n");
    assertThat(api.requests).isEmpty();
  }

  @Test
  void sinceAfterUntilAndAnOverlongSearchAreRefusedNamingTheirOption() {
    Cli.Result reversed = new Cli(home).run("list", "--api", api.url().toString(), "--token", "t",
        "--since", "2026-12-02", "--until", "2026-12-01");
    Cli.Result overlong = new Cli(home).run("list", "--api", api.url().toString(), "--token", "t",
        "--search", "x".repeat(201));

    assertThat(reversed.exitCode()).isEqualTo(2);
    assertThat(reversed.err()).startsWith("error: --since: is after --until (").endsWith(")\n");
    assertThat(overlong.exitCode()).isEqualTo(2);
    assertThat(overlong.err()).isEqualTo("error: --search: is longer than 200 characters (201)\n");
    assertThat(api.requests).isEmpty();
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
