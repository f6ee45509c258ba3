package io.chatvideo.recording.http.objects;

import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.http.api.PublicUrls;
import io.chatvideo.recording.http.problem.Problem;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storyboard's WebVTT track, answered by the media routes themselves instead of a redirect: its
 * cues name the sprite relatively ({@code storyboard.jpg#xywh=…}), and a player resolves them
 * against the address it fetched the track from, which must stay the stable media route (behind a
 * redirect it would be the store's short-lived URL, where {@code storyboard.jpg} is nothing). The
 * route's query (a passcode link's {@code grant}) is carried onto each cue's sprite address. The
 * track is a few kilobytes (at most 100 cues); it is read through the URL signed for it, from the
 * local store's files or from S3.
 */
@Singleton
public final class StoryboardTrack {

  /** A track of 100 cues is about 6 KB; anything far larger is not one processing wrote. */
  static final int MAX_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(StoryboardTrack.class);
  private static final String SPRITE_REFERENCE = "storyboard.jpg#";

  private final BeanProvider<LocalObjectServer> local;
  private final PublicUrls urls;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  StoryboardTrack(BeanProvider<LocalObjectServer> local, PublicUrls urls) {
    this.local = local;
    this.urls = urls;
  }

  /** The track signed as {@code signed}, its sprite references carrying {@code query} ({@code ""} or {@code ?…}). */
  public MutableHttpResponse<?> serve(PresignedRequest signed, String query) {
    String vtt;
    try {
      vtt = new String(read(signed.uri()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("storyboard track unavailable: {}", e.toString());
      return Problem.response(Problem.of(HttpStatus.SERVICE_UNAVAILABLE,
          "the storyboard is unavailable right now; retry in a few seconds")).header(HttpHeaders.RETRY_AFTER, "1");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Problem.response(Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "the server is stopping"));
    }
    return HttpResponse.ok(vtt.replace(SPRITE_REFERENCE, "storyboard.jpg" + query + "#"))
        .header(HttpHeaders.CONTENT_TYPE, "text/vtt; charset=utf-8")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("X-Content-Type-Options", "nosniff");
  }

  private byte[] read(URI url) throws IOException, InterruptedException {
    Optional<LocalObjectServer> files = local.find(null);
    if (files.isPresent()) {
      return files.get().read(url, MAX_BYTES);
    }
    HttpRequest get = HttpRequest.newBuilder(URI.create(urls.absolute(url))).timeout(Duration.ofSeconds(10)).GET()
        .build();
    var response = client.send(get, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("the store answered " + response.statusCode() + " for the storyboard track");
      }
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("the storyboard track is larger than " + MAX_BYTES + " bytes");
      }
      return bytes;
    }
  }
}
