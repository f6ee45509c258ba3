package io.chatvideo.recording.http;

import static io.chatvideo.recording.http.support.Problems.assertBadField;
import static io.chatvideo.recording.http.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.Uploads;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Share links over a socket, whatever the backend: the owner's API, the public watch page read
 * with a plain HTTP client (no token), its media fetched with a Range request, revocation, and
 * refusals (strangers, bad input, passcodes and their guess limit).
 */
abstract class SharesApiContract {

  static final Pattern SOURCE = Pattern.compile("<source src=\"([^\"]+)\" type=\"([^\"]+)\"");
  /** An inline script as the pages write them: no attributes (a data block would carry a type). */
  static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
  static final Pattern DOWNLOAD = Pattern.compile("<a class=\"button\" href=\"([^\"]+)\" download>");
  static final byte[] VIDEO = bytes(300_000);

  /** A client of a running server in dev auth mode, passcode guesses limited to 5 a minute. */
  abstract Api api();

  static String user() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new Random(7).nextBytes(bytes);
    return bytes;
  }

  String recording(String owner, String... participants) {
    if (participants.length == 0) {
      return Uploads.completedRecording(api(), owner, "room-" + UUID.randomUUID(), VIDEO);
    }
    Api.Reply ticket = api().post("/recordings/upload-url", owner, "{\"room_id\":\"room-" + UUID.randomUUID()
        + "\",\"size\":" + VIDEO.length + ",\"participants\":[\"" + String.join("\",\"", participants) + "\"]}");
    assertThat(ticket.status()).as("%s", ticket).isEqualTo(201);
    JsonNode json = ticket.json();
    assertThat(api().raw("PUT", json.get("upload_url").asText(), Uploads.headers(json.get("upload_headers")), VIDEO)
        .status()).isEqualTo(200);
    String id = json.get("recording_id").asText();
    assertThat(api().post("/recordings/" + id + "/complete", owner, null).status()).isEqualTo(200);
    return id;
  }

  JsonNode share(String owner, String id, String body) {
    Api.Reply created = api().post("/recordings/" + id + "/shares", owner, body);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json();
  }

  Api.Reply page(String url) {
    return api().raw("GET", url, Map.of(), null);
  }

  /** The passcode form's POST as a browser sends it from the form's page: with that page's Origin. */
  Api.Reply unlock(String url, String passcode) {
    java.net.URI page = java.net.URI.create(url);
    return api().raw("POST", url, Map.of("Content-Type", "application/x-www-form-urlencoded",
            "Origin", page.getScheme() + "://" + page.getRawAuthority()),
        ("passcode=" + java.net.URLEncoder.encode(passcode, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
  }

  static String media(Api.Reply page) {
    Matcher source = SOURCE.matcher(page.text());
    assertThat(source.find()).as("a <source> in %s", page.text()).isTrue();
    return source.group(1).replace("&amp;", "&");
  }

  static void assertPlainPage(Api.Reply reply, int status) {
    assertThat(reply.status()).as("%s", reply).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("text/html");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(reply.header("X-Robots-Tag")).contains("noindex");
    // The passcode form's POST needs its own Origin (not "null"), so it sends a Referer to this server only.
    assertThat(reply.headers().allValues("Referrer-Policy")).as("one policy")
        .containsExactly(reply.text().contains("name=\"passcode\"") ? "same-origin" : "no-referrer");
    String policy = reply.header("Content-Security-Policy");
    assertThat(policy).startsWith("default-src 'none';").contains("frame-ancestors 'none'").doesNotContain("unsafe")
        // Scripts only by their hashes, never by origin.
        .doesNotContainPattern("script-src [^;]*('self'|\\*|https?:)");
    Matcher scripts = INLINE_SCRIPT.matcher(reply.text());
    boolean any = false;
    while (scripts.find()) {
      any = true;
      assertThat(policy).as("the page's script %s, by its hash", scripts.group(1))
          .containsPattern("script-src [^;]*'sha256-" + Pattern.quote(sha256Base64(scripts.group(1))) + "'");
    }
    if (any) {
      assertThat(policy).as("scripts by their hashes only").containsPattern("script-src 'sha256-[A-Za-z0-9+/=]+'( 'sha256-[A-Za-z0-9+/=]+')*;");
    } else {
      assertThat(policy).doesNotContain("script-src");
    }
    assertThat(reply.headers().allValues("Content-Security-Policy")).hasSize(1);
    assertThat(reply.text()).startsWith("<!doctype html>").doesNotContain("Exception");
  }

  /** Hook for a backend: what the page's media URL answers once its link is revoked. */
  void assertMediaDiesAfterItsBound(String mediaUrl) {}

  @Test
  void anOwnersLinkServesAPageWhoseMediaSeeksAndRevokingStopsIt() {
    String owner = api().devToken(user());
    String id = recording(owner);
    Instant before = Instant.now().minusSeconds(3600);

    JsonNode link = share(owner, id, "{}");
    assertThat(link.get("url").asText()).matches("https?://[^/]+/s/[A-Za-z0-9_-]{43}");
    assertThat(Instant.parse(link.get("expires_at").asText())).isAfter(before.plus(Duration.ofDays(6)));

    Api.Reply page = page(link.get("url").asText());
    assertPlainPage(page, 200);
    assertThat(page.text()).contains("<video").contains("Recording of room-").contains("Link expires")
        .as("no storyboard before processing: no track, no seek bar").doesNotContain("<track").doesNotContain("id=\"scrub\"");
    Api.Reply checked = api().raw("HEAD", link.get("url").asText(), Map.of(), null);
    assertThat(checked.status()).as("a link checker's HEAD: the page's headers, and no view").isEqualTo(200);
    String route = media(page);
    assertThat(route).matches("/s/[A-Za-z0-9_-]{43}/media/original");
    String media = followMedia(route);
    assertThat(page.header("Content-Security-Policy")).contains("media-src 'self' " + origin(media) + ";");
    Matcher download = DOWNLOAD.matcher(page.text());
    assertThat(download.find()).isTrue();

    Api.Reply ranged = api().raw("GET", media, Map.of("Range", "bytes=1000-1999"), null);
    assertThat(ranged.status()).as("%s", ranged).isEqualTo(206);
    assertThat(ranged.header("Content-Range")).isEqualTo("bytes 1000-1999/" + VIDEO.length);
    assertThat(ranged.header("Content-Type")).startsWith("video/webm");
    assertThat(ranged.header("Content-Disposition")).as("the player's source plays, it is no download")
        .startsWith("inline");
    assertThat(ranged.header("Cache-Control")).isEqualTo("private");
    assertThat(api().raw("HEAD", api().base().resolve(route).toString(), Map.of(), null).status())
        .isEqualTo(streamsMedia() ? 200 : 302);
    assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(VIDEO, 1000, 2000));
    // The library page plays the same media inline: the served files' policy (the one the web
    // client's pages get; the contract document is such a file here) lets it load from there.
    String pages = api().get("/openapi/recordings-1.0.yml", null).header("Content-Security-Policy");
    String mediaSources = pages.substring(pages.indexOf("media-src "), pages.indexOf(';', pages.indexOf("media-src ")));
    assertThat(mediaSources).contains(origin(media).equals(origin(api().base().toString())) ? "'self'" : origin(media));

    Api.Reply listed = api().get("/recordings/" + id + "/shares", owner);
    assertThat(listed.status()).as("%s", listed).isEqualTo(200);
    JsonNode entry = listed.json().get("shares").get(0);
    assertThat(entry.get("share_id").asText()).isEqualTo(link.get("share_id").asText());
    assertThat(entry.get("views").asLong()).as("media requests and a HEAD of the page count no view").isEqualTo(1);
    assertThat(entry.get("revoked").asBoolean()).isFalse();
    assertThat(entry.get("has_passcode").asBoolean()).isFalse();
    assertThat(entry.has("url")).as("the token is never told again").isFalse();

    Api.Reply revoked = api().delete("/recordings/" + id + "/shares/" + link.get("share_id").asText(), owner);
    assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);
    assertPlainPage(page(link.get("url").asText()), 404);
    assertPlainPage(page(api().base().resolve(route).toString()), 404); // the player's next request: at once
    assertThat(api().get("/recordings/" + id + "/shares", owner).json().get("shares").get(0).get("revoked").asBoolean())
        .isTrue();
    assertMediaDiesAfterItsBound(media);
  }

  @Test
  void strangersGetNotFoundAndParticipantsForbiddenOnAnothersLinks() {
    String ownerEmail = user();
    String participantEmail = user();
    String owner = api().devToken(ownerEmail);
    String id = recording(owner, participantEmail);
    JsonNode link = share(owner, id, "{\"allow_download\":false}");
    // One rule (RecordingAccess): a stranger is not told the recording exists; a participant, who
    // can see it, is refused owner-only actions, the same answer delete gives.
    Map<String, Integer> expected = Map.of(api().devToken(user()), 404, api().devToken(participantEmail), 403);
    expected.forEach((other, status) -> {
      assertProblem(api().post("/recordings/" + id + "/shares", other, "{}"), status);
      assertProblem(api().get("/recordings/" + id + "/shares", other), status);
      assertProblem(api().delete("/recordings/" + id + "/shares/" + link.get("share_id").asText(), other), status);
      assertProblem(api().delete("/recordings/" + id, other), status);
    });
    Api.Reply page = page(link.get("url").asText());
    assertPlainPage(page, 200);
    assertThat(DOWNLOAD.matcher(page.text()).find()).as("download disabled").isFalse();
    assertProblem(api().post("/recordings/" + id + "/shares", null, "{}"), 401);
  }

  @Test
  void aLinkWithoutDownloadsServesItsMediaInlineAndSaysItCanStillBeSaved() {
    String owner = api().devToken(user());
    String id = recording(owner);
    Api.Reply page = page(share(owner, id, "{\"allow_download\":false}").get("url").asText());
    assertPlainPage(page, 200);
    assertThat(page.text()).doesNotContain("attachment").doesNotContain("filename=").doesNotContain("/objects/")
        .contains("anyone who can watch a video can also save or record it");
    String media = followMedia(media(page));
    assertThat(media).doesNotContain("attachment");
    Api.Reply fetched = api().raw("GET", media, Map.of(), null);
    assertThat(fetched.status()).as("%s", fetched).isEqualTo(200);
    assertThat(fetched.header("Content-Disposition")).isEqualTo("inline");
    assertThat(fetched.body()).isEqualTo(VIDEO);
    assertPlainPage(page(api().base().resolve(media(page).replace("/original", "/mp4")).toString()), 404);
    assertPlainPage(page(api().base().resolve(media(page).replace("/original", "/download")).toString()), 404);
  }

  @Test
  void theLibraryPlaysFromAStableAddressThatChecksTheSignedInUserOnEveryRequest() {
    String participantEmail = user();
    String owner = api().devToken(user());
    String id = recording(owner, participantEmail);
    String route = api().base().resolve("/recordings/" + id + "/media/original").toString();

    Api.Reply opened = api().post("/recordings/" + id + "/media", owner, null);
    assertThat(opened.status()).as("%s", opened).isEqualTo(204);
    String setCookie = opened.header("Set-Cookie");
    assertThat(setCookie).startsWith("recording_media=" + owner + ";").contains("Path=/recordings/" + id + "/media/")
        .containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    Map<String, String> cookie = Map.of("Cookie", "recording_media=" + owner);

    Api.Reply ranged = fetchMedia(route, cookie, "bytes=1000-1999");
    assertThat(ranged.status()).as("the player's request carries the cookie, not a header: %s", ranged).isEqualTo(206);
    assertThat(ranged.header("Content-Disposition")).startsWith("inline");
    assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(VIDEO, 1000, 2000));
    assertThat(api().raw("HEAD", route, cookie, null).status()).isEqualTo(streamsMedia() ? 200 : 302);
    assertThat(fetchMedia(route, Map.of("Authorization", "Bearer " + owner), "bytes=0-9").status())
        .as("a header works too").isEqualTo(206);
    String participant = api().devToken(participantEmail);
    assertThat(fetchMedia(route, Map.of("Cookie", "recording_media=" + participant), "bytes=0-9").status())
        .as("a participant may watch").isEqualTo(206);

    assertProblem(api().raw("GET", route, Map.of(), null), 401);
    assertProblem(api().raw("GET", route, Map.of("Cookie", "recording_media=" + api().devToken(user())), null), 404);
    assertProblem(api().post("/recordings/" + id + "/media", api().devToken(user()), null), 404);
    assertProblem(api().raw("GET", route, Map.of("Cookie", "recording_media=not-a-token"), null), 401);
    assertProblem(api().raw("GET", api().base().resolve("/recordings/" + id).toString(), cookie, null), 401);
    assertProblem(api().raw("DELETE", route, cookie, null), 401);
    assertProblem(api().raw("GET", route.replace("/original", "/mp4"), cookie, null), 404);
    assertProblem(api().raw("GET", route.replace("/original", "/download"), cookie, null), 404);
    assertBadField(api().raw("GET", route.replace(id, "not-a-uuid"), cookie, null), "recording_id");

    if (passMediaLifetime()) {
      assertThat(fetchMedia(route, cookie, "bytes=0-9").status())
          .as("past the media URL lifetime the stable address plays on").isEqualTo(206);
    }

    assertThat(api().delete("/recordings/" + id, owner).status()).isEqualTo(204);
    assertProblem(api().raw("GET", route, cookie, null), 404); // the player's next request, at once
  }

  /** Hook for a backend whose test controls the server's clock: moves it past a media URL's life; false if it cannot. */
  boolean passMediaLifetime() {
    return false;
  }

  /**
   * Whether the media routes stream the bytes themselves (the local backend: browsers send later
   * range requests to where a redirect pointed) rather than redirect to the store.
   */
  abstract boolean streamsMedia();

  /** A medium fetched as a player does: the route, and where it redirects if it does. */
  Api.Reply fetchMedia(String route, Map<String, String> headers, String range) {
    Map<String, String> ranged = new java.util.HashMap<>(headers);
    ranged.put("Range", range);
    Api.Reply first = api().raw("GET", route, ranged, null);
    if (streamsMedia()) {
      return first;
    }
    assertThat(first.status()).as("%s", first).isEqualTo(302);
    assertThat(first.header("Cache-Control")).isEqualTo("no-store");
    assertThat(first.header("Referrer-Policy")).isEqualTo("no-referrer");
    return api().raw("GET", first.header("Location"), Map.of("Range", range), null);
  }

  /**
   * The player's request to a media route: a redirect, never cached, to the store's short-lived
   * URL; or, where the route streams, the route itself.
   */
  String followMedia(String route) {
    if (streamsMedia()) {
      return api().base().resolve(route).toString();
    }
    Api.Reply redirect = api().raw("GET", api().base().resolve(route).toString(), Map.of(), null);
    assertThat(redirect.status()).as("%s", redirect).isEqualTo(302);
    assertThat(redirect.header("Cache-Control")).isEqualTo("no-store");
    assertThat(redirect.header("Referrer-Policy")).isEqualTo("no-referrer");
    return redirect.header("Location");
  }

  @Test
  void badInputIsRefusedPrecisely() {
    String owner = api().devToken(user());
    String id = recording(owner);
    assertBadField(api().post("/recordings/" + id + "/shares", owner, "{\"expires_in\":0}"), "expires_in");
    assertBadField(api().post("/recordings/" + id + "/shares", owner, "{\"expires_in\":-60}"), "expires_in");
    assertBadField(api().post("/recordings/" + id + "/shares", owner, "{\"expires_in\":" + Long.MAX_VALUE + "}"),
        "expires_in");
    assertBadField(api().post("/recordings/" + id + "/shares", owner, "{\"expires_in\":" + 40L * 86400 + "}"),
        "expires_in");
    assertBadField(api().post("/recordings/" + id + "/shares", owner, "{\"passcode\":\"abc\"}"), "passcode");
    assertBadField(api().delete("/recordings/" + id + "/shares/not-a-uuid", owner), "share_id");
    assertProblem(api().delete("/recordings/" + id + "/shares/" + UUID.randomUUID(), owner), 404);
    assertProblem(api().post("/recordings/" + UUID.randomUUID() + "/shares", owner, "{}"), 404);

    String url = share(owner, id, "{\"expires_in\":3600}").get("url").asText();
    String token = url.substring(url.lastIndexOf('/') + 1);
    String tampered = (token.charAt(5) == 'A' ? 'B' : 'A') + "";
    String base = url.substring(0, url.lastIndexOf('/') + 1);
    assertPlainPage(page(base + token.substring(0, 5) + tampered + token.substring(6)), 404);
    assertPlainPage(page(base + token.substring(1)), 404);
    assertPlainPage(page(base + "%3Cscript%3E"), 404);
    assertThat(page(base + "%3Cscript%3E").text()).doesNotContain("<script>");
  }

  @Test
  void aPasscodeIsAskedForCheckedAndItsGuessesLimitedPerLinkAndPerAddress() {
    String owner = api().devToken(user());
    String id = recording(owner);
    String url = share(owner, id, "{\"passcode\":\"blue whale 42\"}").get("url").asText();
    String other = share(owner, id, "{\"passcode\":\"other one\"}").get("url").asText();

    Api.Reply asked = page(url);
    assertPlainPage(asked, 401);
    assertThat(asked.text()).contains("<form method=\"post\"").contains("name=\"passcode\"").doesNotContain("<video");
    Api.Reply wrong = unlock(url, "blue whale 43");
    assertPlainPage(wrong, 401);
    assertThat(wrong.text()).contains("wrong").doesNotContain("<video");
    Api.Reply right = unlock(url, "blue whale 42");
    assertPlainPage(right, 200);
    assertThat(right.text()).contains("<video");
    String route = media(right);
    assertThat(route).contains("?grant=");
    assertThat(api().raw("GET", followMedia(route), Map.of(), null).status()).isEqualTo(200);
    assertPlainPage(page(api().base().resolve(route.substring(0, route.indexOf('?'))).toString()), 404);
    for (int i = 0; i < 3; i++) {
      assertThat(unlock(url, "guess " + i).status()).isEqualTo(401);
    }
    Api.Reply limited = unlock(url, "blue whale 42");
    assertPlainPage(limited, 429);
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    // The first try on another link: its own budget is whole, the address's is spent.
    assertPlainPage(unlock(other, "other one"), 429);
  }

  static String origin(String url) {
    java.net.URI uri = java.net.URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** The CSP hash of an inline script, computed here rather than taken from the page's own constants. */
  static String sha256Base64(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
