package io.chatvideo.recording.http;

import static io.chatvideo.recording.http.support.Problems.assertBadField;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /recordings with filters, over the server's socket: what they keep, how they page, what they refuse. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingSearchTest implements TestPropertyProvider {

  private final TempDirectory data = new TempDirectory("recordings-search");

  @Inject
  EmbeddedServer server;

  private Api api;
  private String token;
  private String summer;
  private String budget;
  private String completed;

  @Override
  public Map<String, String> getProperties() {
    return Map.of("recording.data-dir", data.path().toString());
  }

  @BeforeAll
  void upload() {
    api = new Api(server.getURI());
    token = api.devToken("search@example.com");
    summer = pending("standup-1", "Réunion Été.webm");
    budget = pending("finance", "budget_100%.webm");
    completed = Uploads.completedRecording(api, token, "standup-1", new byte[64]);
    // Someone else's recording matches every text query below and is never listed.
    pendingOf(api.devToken("other@example.com"), "standup-1", "Réunion Été budget_100%.webm");
  }

  @AfterAll
  void removeData() {
    data.close();
  }

  @Test
  void qFindsFileNamesInAnyCaseAndTakesPercentAndUnderscoreLiterally() {
    assertThat(ids("q=" + encode("ÉTÉ"))).containsExactly(summer);
    assertThat(ids("q=" + encode("100%"))).containsExactly(budget);
    assertThat(ids("q=" + encode("t_1"))).containsExactly(budget);
    assertThat(ids("q=" + encode("_"))).containsExactly(budget);
    assertThat(ids("q=STANDUP&room_id=standup-1")).containsExactlyInAnyOrder(summer, completed);
  }

  @Test
  void statusAndTheDateRangeNarrowTheListingAndSortTurnsIt() {
    Instant now = Instant.now();
    String past = now.minus(1, ChronoUnit.HOURS).toString();
    String future = now.plus(1, ChronoUnit.HOURS).toString();
    assertThat(ids("status=COMPLETED")).containsExactly(completed);
    assertThat(ids("status=pending&sort=oldest")).containsExactly(summer, budget);
    assertThat(ids("from=" + past + "&to=" + future + "&sort=oldest")).containsExactly(summer, budget, completed);
    assertThat(ids("from=" + future)).isEmpty();
    assertThat(ids("to=" + past)).isEmpty();
  }

  @Test
  void pagesFollowTheirQueryAndATokenUsedWithAnotherQueryIs400() {
    List<String> paged = new ArrayList<>();
    String query = "status=PENDING&limit=1";
    JsonNode page = list(query);
    String firstToken = page.path("next_token").asText();
    while (true) {
      page.get("recordings").forEach(r -> paged.add(r.get("recording_id").asText()));
      if (page.path("next_token").isMissingNode() || page.path("next_token").isNull()) {
        break;
      }
      page = list(query + "&next_token=" + page.get("next_token").asText());
    }
    assertThat(paged).containsExactly(budget, summer);

    var replayed = api.get("/recordings?status=PENDING&limit=1&sort=oldest&next_token=" + firstToken, token);
    assertThat(assertBadField(replayed, "next_token").get("detail").asText()).contains("another query");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      from after to            | from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z | from
      from not an instant      | from=yesterday                                   | from
      to without an offset     | to=2026-12-01T00:00:00                           | to
      unknown status           | status=DONE                                      | status
      unknown processing       | processing=READY                                 | processing
      unknown sort             | sort=latest                                      | sort
      blank q                  | q=%20                                            | q
      participant with a space | participant=a%20b                                | participant
      """)
  void badValuesAre400NamingTheField(String scenario, String query, String field) {
    assertBadField(api.get("/recordings?" + query, token), field);
  }

  @Test
  void aQOfMoreThanTwoHundredCharactersIs400NamingQ() {
    assertBadField(api.get("/recordings?q=" + "x".repeat(201), token), "q");
    assertThat(ids("q=" + "x".repeat(200))).isEmpty();
  }

  private String pending(String room, String filename) {
    return pendingOf(token, room, filename);
  }

  private String pendingOf(String owner, String room, String filename) {
    Api.Reply ticket = api.post("/recordings/upload-url", owner, "{\"room_id\":\"" + room + "\",\"filename\":\""
        + filename + "\",\"contentType\":\"video/webm\",\"size\":10}");
    assertThat(ticket.status()).as("upload-url: %s", ticket).isEqualTo(201);
    return ticket.json().get("recording_id").asText();
  }

  private JsonNode list(String query) {
    Api.Reply reply = api.get("/recordings?" + query, token);
    assertThat(reply.status()).as("GET /recordings?%s: %s", query, reply).isEqualTo(200);
    return reply.json();
  }

  private List<String> ids(String query) {
    List<String> ids = new ArrayList<>();
    list(query).get("recordings").forEach(r -> ids.add(r.get("recording_id").asText()));
    return ids;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
