package io.chatvideo.recording.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code share}, {@code shares} and {@code unshare} against the real server (local backend) over a socket. */
class SharesCliIT extends AgainstServer {

  static final Pattern RECORDING_ID = Pattern.compile("recording ([0-9a-f-]{36})");
  static final Pattern SHARE_ID = Pattern.compile("share ([0-9a-f-]{36}), expires ");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  SharesCliIT() {
    super("sam@example.com");
  }

  String upload() throws IOException {
    byte[] bytes = new byte[50_000];
    new Random(3).nextBytes(bytes);
    Path file = Files.write(home.resolve("call.webm"), bytes);
    Cli.Result result = cli.run("upload", file.toString(), "--room=shared");
    assertThat(result.exitCode()).as(result.err() + server.output()).isZero();
    Matcher matcher = RECORDING_ID.matcher(result.out());
    assertThat(matcher.find()).as(result.out()).isTrue();
    return matcher.group(1);
  }

  static HttpResponse<String> page(String url) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shareListAndUnshareARecording() throws Exception {
    String id = upload();

    Cli.Result plain = cli.run("share", id, "--expires", "3d", "--no-download");
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    String url = plain.out().lines().findFirst().orElseThrow();
    assertThat(url).startsWith(server.uri().resolve("/s/").toString()).matches(".*/s/[A-Za-z0-9_-]{43}");
    Matcher shareId = SHARE_ID.matcher(plain.out());
    assertThat(shareId.find()).as(plain.out()).isTrue();
    HttpResponse<String> watch = page(url);
    assertThat(watch.statusCode()).isEqualTo(200);
    assertThat(watch.body()).contains("<video").doesNotContain(">Download</a>");

    Cli.Result locked = cli.run("share", id, "--passcode=tangerine");
    assertThat(locked.exitCode()).as(locked.err()).isZero();
    assertThat(page(locked.out().lines().findFirst().orElseThrow()).statusCode()).isEqualTo(401);

    Cli.Result listed = cli.run("shares", id);
    assertThat(listed.exitCode()).as(listed.err()).isZero();
    // The plain link: no passcode, no download, viewed once; the locked one: a passcode, downloads, no view yet.
    assertThat(listed.out()).containsPattern(shareId.group(1) + ".*\\bno\\s+no\\s+1\\s+live")
        .containsPattern("\\byes\\s+yes\\s+0\\s+live");

    Cli.Result revoked = cli.run("unshare", id, shareId.group(1));
    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(page(url).statusCode()).isEqualTo(404);
    assertThat(cli.run("shares", id).out()).contains("revoked");
  }

  @Test
  void badInputIsAUsageErrorNamingTheProblem() throws Exception {
    String id = upload();
    assertUsageError(cli.run("share", "not-a-uuid"), "is not a recording id");
    assertUsageError(cli.run("share", id, "--expires", "banana"), "is not a duration");
    assertUsageError(cli.run("share", id, "--expires", "0s"), "--expires must be at least one second");
    assertUsageError(cli.run("share", id, "--expires", "40d"), "expires_in");
    assertUsageError(cli.run("share", id, "--passcode=abc"), "passcode");
    assertUsageError(cli.run("unshare", id, "nope"), "is not a share id");
    Cli.Result unknown = cli.run("unshare", id, "123e4567-e89b-12d3-a456-426614174000");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err().lines().count()).as(unknown.err()).isEqualTo(1);
    assertThat(unknown.err()).contains("no share");
  }

  static void assertUsageError(Cli.Result result, String message) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err().lines().findFirst().orElseThrow()).contains(message);
  }
}
