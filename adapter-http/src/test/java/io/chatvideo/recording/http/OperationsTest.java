package io.chatvideo.recording.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.Uploads;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** What operators and the web client rely on: health, OpenAPI, metrics, CORS, static files, logs. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsTest implements TestPropertyProvider {

  private static final String WEB_ORIGIN = "https://app.example.test";

  private final TempDirectory data = new TempDirectory("recordings-ops");
  private final TempDirectory web = new TempDirectory("recordings-web");

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    try {
      Files.writeString(web.path().resolve("index.html"), "<!doctype html><title>recorder</title>");
      Files.createDirectories(web.path().resolve("assets"));
      Files.writeString(web.path().resolve("assets/app.js"), "console.log('recorder')");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "recording.data-dir", data.path().toString(),
        "recording.web-dir", web.path().toString(),
        "recording.cors.origins", WEB_ORIGIN);
  }

  @AfterAll
  void removeDirectories() {
    data.close();
    web.close();
  }

  private Api api() {
    return new Api(server.getURI());
  }

  @Test
  void healthAnswersUpWithoutAToken() {
    Api.Reply health = api().get("/health", null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
  }

  @Test
  void openApiDocumentDescribesTheEndpoints() {
    Api.Reply document = api().get("/openapi/recordings-1.0.yml", null);

    assertThat(document.status()).isEqualTo(200);
    assertThat(document.text()).contains("openapi: 3.")
        .contains("/recordings/upload-url:").contains("/recordings/{id}/complete:").contains("/recordings/multipart:")
        .contains("/recordings/{id}/parts:").contains("/recordings/{id}/upload:").contains("/dev/token:")
        .contains("room_id").contains("upload_headers").contains("bearer");
  }

  @Test
  void uploadCountersAndRequestLatencyAreExportedForPrometheus() {
    double requested = counter("recordings_uploads_requested_total");
    double completed = counter("recordings_uploads_completed_total");
    String token = api().devToken("metrics@example.com");

    Uploads.completedRecording(api(), token, "metrics-room", new byte[] {1, 2, 3});

    assertThat(counter("recordings_uploads_requested_total")).isEqualTo(requested + 1);
    assertThat(counter("recordings_uploads_completed_total")).isEqualTo(completed + 1);
    assertThat(api().get("/prometheus", null).text()).contains("http_server_requests_seconds_count{");
  }

  private double counter(String name) {
    Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)$").matcher(api().get("/prometheus", null).text());
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }

  @Test
  void corsPreflightFromTheWebClientsOriginIsAllowed() {
    Api.Reply preflight = api().exchange(HttpRequest.newBuilder(server.getURI().resolve("/recordings/upload-url"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", WEB_ORIGIN)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .build());

    assertThat(preflight.status()).isEqualTo(200);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(WEB_ORIGIN);
  }

  @Test
  void corsPreflightFromAnotherOriginIsNotAllowed() {
    Api.Reply preflight = api().exchange(HttpRequest.newBuilder(server.getURI().resolve("/recordings/upload-url"))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://evil.example.test")
        .header("Access-Control-Request-Method", "POST")
        .build());

    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void builtWebClientIsServedAtTheRoot() {
    Api.Reply index = api().get("/", null);
    Api.Reply script = api().get("/assets/app.js", null);

    assertThat(index.status()).isEqualTo(200);
    assertThat(index.text()).contains("<title>recorder</title>");
    assertThat(script.status()).isEqualTo(200);
    assertThat(script.text()).contains("console.log");
  }

  @Test
  void requestLogShowsRequestsButNeverTokensOrSignatures() {
    Logger requests = (Logger) LoggerFactory.getLogger("io.chatvideo.recording.http.requests");
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    Level level = requests.getLevel();
    requests.setLevel(Level.INFO);
    requests.addAppender(captured);
    String token;
    try {
      token = api().devToken("logs@example.com");
      String id = Uploads.completedRecording(api(), token, "log-room", new byte[] {4, 5, 6});
      String download = api().get("/recordings/" + id, token).json().get("download_url").asText();
      api().raw("GET", download, Map.of(), null);
    } finally {
      requests.detachAppender(captured);
      requests.setLevel(level);
    }

    List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(lines).anyMatch(line -> line.startsWith("PUT /objects/recordings/log-room/") && line.contains(" 200 "));
    assertThat(lines).anyMatch(line -> line.startsWith("POST /recordings/upload-url 201"));
    assertThat(lines).noneMatch(line -> line.contains("signature") || line.contains("?") || line.contains(token));
  }

  @Test
  void devSecretIsCreatedReadableByItsOwnerOnly() throws IOException {
    Path secret = data.path().resolve("dev-jwt-secret");

    assertThat(secret).exists();
    assertThat(Files.getPosixFilePermissions(secret))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
  }
}
