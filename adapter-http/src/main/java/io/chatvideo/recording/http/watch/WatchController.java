package io.chatvideo.recording.http.watch;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.PasscodeRefusedException;
import io.chatvideo.recording.core.domain.RecordingException;
import io.chatvideo.recording.core.domain.ShareExpiredException;
import io.chatvideo.recording.core.domain.ShareNotFoundException;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.SharedRecording;
import io.chatvideo.recording.http.api.PublicUrls;
import io.chatvideo.recording.http.config.ShareSettings;
import io.chatvideo.recording.http.limits.RequestRate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The public watch page of a share link, {@code /s/{token}}: no sign-in, server-rendered HTML, and
 * every refusal a plain page (404 unknown or revoked, 410 expired, 401 passcode, 429 too many
 * guesses) mapped here, in one place. Passcode tries are limited per link and per client address.
 * Not part of the JSON API's contract.
 */
@Controller("/s")
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
final class WatchController {

  private final Recordings recordings;
  private final PublicUrls urls;
  private final Duration mediaTtl;
  private final RequestRate guessesPerLink;
  private final RequestRate guessesPerAddress;

  WatchController(Recordings recordings, PublicUrls urls, ShareSettings settings, Clock clock) {
    this.recordings = recordings;
    this.urls = urls;
    this.mediaTtl = settings.policy().mediaTtl();
    this.guessesPerLink = new RequestRate(settings.passcodeGuessesPerMinute(), clock);
    this.guessesPerAddress = new RequestRate(settings.passcodeGuessesPerMinute(), clock);
  }

  @Get(value = "/{token}", produces = MediaType.TEXT_HTML)
  HttpResponse<String> watch(@PathVariable String token, HttpRequest<?> request) {
    return open(token, Optional.empty(), request);
  }

  @Post(value = "/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
  HttpResponse<String> unlock(@PathVariable String token, @Nullable @Body Map<String, String> form,
      HttpRequest<?> request) {
    Optional<Duration> wait = guessesPerLink.take(token).or(() -> guessesPerAddress.take(client(request)));
    if (wait.isPresent()) {
      long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().getNano() > 0 ? 1 : 0));
      return page(HttpStatus.TOO_MANY_REQUESTS, WatchPage.message("Too many tries",
          "Too many passcode tries for this link; try again in " + seconds + " seconds."), Set.of())
          .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
    return open(token, Optional.ofNullable(form).map(f -> f.get("passcode")), request);
  }

  private HttpResponse<String> open(String token, Optional<String> passcode, HttpRequest<?> request) {
    SharedRecording shared;
    try {
      shared = recordings.watchShare().open(token, passcode);
    } catch (RecordingException e) {
      return refused(e, token);
    }
    String media = urls.absolute(shared.media().url(), request);
    Optional<String> poster = shared.poster().map(p -> urls.absolute(p.url(), request));
    Optional<String> download = shared.download().map(d -> urls.absolute(d.url(), request));
    Set<String> sources = new LinkedHashSet<>();
    sources.add(origin(media));
    poster.map(WatchController::origin).ifPresent(sources::add);
    return page(HttpStatus.OK, WatchPage.player(shared.recording(), media, shared.mediaType().value(), poster,
        download, shared.share().expiresAt(), mediaTtl), sources);
  }

  private static MutableHttpResponse<String> refused(RecordingException e, String token) {
    if (e instanceof PasscodeRefusedException passcode) {
      return page(HttpStatus.UNAUTHORIZED, WatchPage.passcodeForm(token, passcode.given()), Set.of());
    }
    if (e instanceof ShareExpiredException) {
      return page(HttpStatus.GONE, WatchPage.message("Link expired",
          "This share link has expired. Ask whoever sent it for a new one."), Set.of());
    }
    if (e instanceof ShareNotFoundException) {
      return page(HttpStatus.NOT_FOUND, WatchPage.message("Link not found",
          "This share link does not exist or is no longer shared."), Set.of());
    }
    return page(HttpStatus.SERVICE_UNAVAILABLE, WatchPage.message("Not available right now",
        "The recording cannot be shown right now; try again in a minute."), Set.of());
  }

  /**
   * The page with its own headers: nothing but its inline style, the media and the poster may
   * load; no caching, no indexing, no referrer.
   */
  private static MutableHttpResponse<String> page(HttpStatus status, String html, Set<String> mediaSources) {
    String sources = mediaSources.isEmpty() ? "'none'" : String.join(" ", mediaSources);
    return HttpResponse.<String>status(status)
        .contentType("text/html;charset=utf-8")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("X-Robots-Tag", "noindex, nofollow")
        .header("Referrer-Policy", "no-referrer")
        .header("Content-Security-Policy", "default-src 'none'; style-src " + WatchPage.STYLE_HASH
            + "; media-src " + sources + "; img-src " + sources + "; form-action 'self'; base-uri 'none';"
            + " frame-ancestors 'none'")
        .body(html);
  }

  /** A media URL's origin for the CSP: S3's host, or this server's. */
  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  private static String client(HttpRequest<?> request) {
    return request.getRemoteAddress().getAddress() == null ? request.getRemoteAddress().getHostString()
        : request.getRemoteAddress().getAddress().getHostAddress();
  }
}
