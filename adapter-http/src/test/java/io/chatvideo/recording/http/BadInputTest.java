package io.chatvideo.recording.http;

import static io.chatvideo.recording.http.support.Problems.assertBadField;
import static io.chatvideo.recording.http.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.TempDirectory;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client mistakes get a 4xx problem naming what was wrong, never a 500 or a stack trace. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest implements TestPropertyProvider {

  private static final String SOME_ID = "123e4567-e89b-12d3-a456-426614174000";

  private final TempDirectory data = new TempDirectory("recordings-bad-input");

  @Inject
  EmbeddedServer server;

  private Api api;
  private String token;

  @Override
  public Map<String, String> getProperties() {
    // Every case of the multipart tables starts an upload: room for all of them within a minute.
    return Map.of("recording.data-dir", data.path().toString(),
        "recording.limits.max-pending-uploads", "1000",
        "recording.limits.upload-requests-per-minute", "1000");
  }

  @BeforeAll
  void signIn() {
    api = new Api(server.getURI());
    token = api.devToken("bad-input@example.com");
  }

  @AfterAll
  void removeData() {
    data.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing room_id                   | {"filename":"a.webm"}                                  | room_id
      empty room_id                     | {"room_id":""}                                         | room_id
      room_id with a slash              | {"room_id":"../etc"}                                   | room_id
      unknown content type              | {"room_id":"r","contentType":"text/html"}              | content_type
      unknown content_type              | {"room_id":"r","content_type":"video/x-matroska"}      | content_type
      content type with a bad parameter | {"room_id":"r","content_type":"video/webm;charset=x"} | content_type
      negative size                     | {"room_id":"r","size":-1}                              | size
      zero size                         | {"room_id":"r","size":0}                               | size
      size above the 5 GiB limit        | {"room_id":"r","size":5368709121}                      | size
      size beyond any integer           | {"room_id":"r","size":123456789012345678901234567890}  | size
      fractional size                   | {"room_id":"r","size":1.5}                             | size
      room_id as a number               | {"room_id":42}                                         | room_id
      room_id as an object              | {"room_id":{"id":"r"}}                                 | room_id
      size as a string                  | {"room_id":"r","size":"12"}                            | size
      size as a boolean                 | {"room_id":"r","size":true}                            | size
      participants as a string          | {"room_id":"r","participants":"bob@example.com"}      | participants
      participants with a number        | {"room_id":"r","participants":[7]}                     | participants
      participant with whitespace       | {"room_id":"r","participants":["bob smith"]}           | participants
      body as an array                  | [{"room_id":"r"}]                                      | body
      body as a string                  | "room"                                                 | body
      """)
  void uploadUrlRefusesBadInputNamingTheField(String scenario, String body, String field) {
    assertBadField(api.post("/recordings/upload-url", token, body), field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      truncated object       | {"room_id":
      not JSON at all        | room_id=r
      single quotes          | {'room_id':'r'}
      """)
  void malformedJsonIsABadRequest(String scenario, String body) {
    Api.Reply reply = api.post("/recordings/upload-url", token, body);

    assertProblem(reply, 400);
    assertThat(reply.text()).doesNotContain("Exception").doesNotContain("at io.");
  }

  @Test
  void roomIdLongerThan128CharactersIsRefused() {
    assertBadField(api.post("/recordings/upload-url", token, "{\"room_id\":\"" + "a".repeat(129) + "\"}"), "room_id");
  }

  @Test
  void emptyBodyIsABadRequest() {
    assertBadField(api.send("POST", "/recordings/upload-url", token, ""), "body");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      multipart without room    | /recordings/multipart                | {}                                         | room_id
      part number zero          | /recordings/ID/parts                 | {"parts":[{"part_number":0,"size":1}]}     | part_number
      part number too high      | /recordings/ID/parts                 | {"parts":[{"part_number":10001,"size":1}]} | part_number
      no parts                  | /recordings/ID/parts                 | {"parts":[]}                               | parts
      parts as a string         | /recordings/ID/parts                 | {"parts":"1,2"}                            | parts
      part size zero            | /recordings/ID/parts                 | {"parts":[{"part_number":1,"size":0}]}     | parts
      part size over 5 GiB      | /recordings/ID/parts                 | {"parts":[{"part_number":1,"size":5368709121}]} | parts
      part numbers without size | /recordings/ID/parts                 | {"part_numbers":[1]}                       | parts
      parts not a list          | /recordings/ID/complete              | {"parts":{"1":"etag"}}                     | parts
      part without etag         | /recordings/ID/complete              | {"parts":[{"part_number":1}]}              | parts
      part etag as a number     | /recordings/ID/complete              | {"parts":[{"part_number":1,"etag":5}]}     | etag
      negative duration         | /recordings/ID/complete              | {"duration_ms":-5}                         | duration_ms
      duration as a string      | /recordings/ID/complete              | {"duration_ms":"long"}                     | duration_ms
      """)
  void multipartAndCompletionRefuseBadInputNamingTheField(String scenario, String path, String body, String field) {
    String id = api.post("/recordings/multipart", token, "{\"room_id\":\"bad-input\"}").json().get("recording_id")
        .asText();

    assertBadField(api.post(path.replace("ID", id), token, body), field);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      id that is not a UUID       | GET    | /recordings/not-a-uuid           | recording_id
      id with a path in it        | GET    | /recordings/..%2Fetc             | recording_id
      delete with a bad id        | DELETE | /recordings/12345                | recording_id
      limit that is not a number  | GET    | /recordings?limit=ten            | limit
      limit of zero               | GET    | /recordings?limit=0              | limit
      negative limit              | GET    | /recordings?limit=-3             | limit
      forged next_token           | GET    | /recordings?next_token=Zm9vYmFy  | next_token
      bad room filter             | GET    | /recordings?room_id=a%20b        | room_id
      """)
  void badPathAndQueryValuesAreRefusedNamingTheField(String scenario, String method, String path, String field) {
    assertBadField(api.send(method, path, token, null), field);
  }

  @Test
  void unknownPathIsANotFoundProblem() {
    assertProblem(api.get("/no/such/thing", token), 404);
    assertProblem(api.get("/recordings/" + SOME_ID, token), 404);
  }

  @Test
  void wrongMethodIsAMethodNotAllowedProblem() {
    assertProblem(api.send("PUT", "/recordings", token, "{}"), 405);
    assertProblem(api.send("PATCH", "/recordings/" + SOME_ID, token, "{}"), 405);
  }

  @Test
  void bodyThatIsNotJsonIsAnUnsupportedMediaTypeProblem() {
    Api.Reply reply = api.exchange(HttpRequest.newBuilder(server.getURI().resolve("/recordings/upload-url"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofString("<room_id>r</room_id>")).build());

    assertProblem(reply, 415);
  }

  @Test
  void oversizedJsonBodyIsRefusedBeforeItIsRead() {
    String filename = "a".repeat(70 * 1024);

    Api.Reply reply = api.post("/recordings/upload-url", token, "{\"room_id\":\"r\",\"filename\":\"" + filename + "\"}");

    assertProblem(reply, 413);
  }

  @Test
  void oversizedJsonBodyWithoutALengthIsRefusedToo() {
    byte[] body = ("{\"room_id\":\"r\",\"filename\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    Api.Reply reply = api.exchange(HttpRequest.newBuilder(server.getURI().resolve("/recordings/upload-url"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(body))).build());

    assertProblem(reply, 413);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no email          | {}
      not an email      | {"email":"alice"}
      email as a number | {"email":17}
      email with space  | {"email":"a b@example.com"}
      """)
  void devTokenNeedsAnEmail(String scenario, String body) {
    assertBadField(api.post("/dev/token", null, body), "email");
  }

  @Test
  void devTokenWithATamperedSignatureIsUnauthorized() {
    String good = api.devToken("dev@example.com");
    String forged = good.substring(0, good.length() - 4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");

    assertThat(api.get("/recordings", good).status()).isEqualTo(200);
    assertProblem(api.get("/recordings", forged), 401);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      room_id null              | /recordings/upload-url  | {"room_id":null}                       | room_id
      parts missing             | /recordings/ID/parts    | {}                                     | parts
      parts null                | /recordings/ID/parts    | {"parts":null}                         | parts
      a part to sign of null    | /recordings/ID/parts    | {"parts":[null]}                       | parts
      a part without size       | /recordings/ID/parts    | {"parts":[{"part_number":1}]}          | parts
      a part number beyond int  | /recordings/ID/parts    | {"parts":[{"part_number":4294967296,"size":1}]} | part_number
      a part of null            | /recordings/ID/complete | {"parts":[null]}                       | parts
      a participant of null     | /recordings/upload-url  | {"room_id":"r","participants":[null]} | participants
      """)
  void nullAndMissingValuesOfTheWireRecordsNameTheField(String scenario, String path, String body, String field) {
    String id = api.post("/recordings/multipart", token, "{\"room_id\":\"bad-input\"}").json().get("recording_id")
        .asText();

    assertBadField(api.post(path.replace("ID", id), token, body), field);
  }

  @Test
  void aListLongerThanAnyRecordingNeedsIsRefusedByTheRecordsConstraint() {
    String participants = String.join(",", Collections.nCopies(10_001, "\"a\""));

    Api.Reply reply = api.post("/recordings/upload-url", token, "{\"room_id\":\"r\",\"participants\":[" + participants + "]}");

    assertThat(assertBadField(reply, "participants").get("detail").asText()).contains("more than 10000");
  }
}
