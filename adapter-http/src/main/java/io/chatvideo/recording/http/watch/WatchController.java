package io.chatvideo.recording.http.watch;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.LimitExceededException;
import io.chatvideo.recording.core.domain.PasscodeRefusedException;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.RecordingException;
import io.chatvideo.recording.core.domain.ShareExpiredException;
import io.chatvideo.recording.core.domain.ShareNotFoundException;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.MediaQuery;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.OpenShareCommand;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.ShareMedia;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.SharedRecording;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.domain.TranscriptState;
import io.chatvideo.recording.core.port.in.TranscriptsUseCase.TranscriptView;
import io.chatvideo.recording.http.api.PublicUrls;
import io.chatvideo.recording.http.api.TranscriptDocuments;
import io.chatvideo.recording.http.objects.LocalObjectServer;
import io.chatvideo.recording.http.objects.StoryboardTrack;
import io.chatvideo.recording.http.web.ClientAddresses;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public watch page of a share link, {@code /s/{token}}, and its media, {@code
 * /s/{token}/media/{mp4|original|poster|storyboard.jpg|storyboard.vtt}}, and its captions, {@code
 * /s/{token}/transcript.vtt}: no sign-in, server-rendered HTML, and every refusal a
 * plain page (404 unknown or revoked, 410 expired, 401 passcode, 429 too many guesses) mapped
 * here, in one place. Passcode tries are counted by the core in the metadata store, per link and
 * per client address ({@link ClientAddresses}). The media route checks the link on every request
 * and answers a redirect to a fresh short-lived URL that serves the media inline, never as an
 * attachment; the storyboard's track is answered here ({@link StoryboardTrack} says why). Not part of
 * the JSON API's contract.
 */
@Controller("/s")
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
final class WatchController {

  private static final Logger LOG = LoggerFactory.getLogger(WatchController.class);

  private final Recordings recordings;
  private final PublicUrls urls;
  private final ClientAddresses clients;
  private final BeanProvider<LocalObjectServer> local;
  private final StoryboardTrack storyboards;

  WatchController(Recordings recordings, PublicUrls urls, ClientAddresses clients, BeanProvider<LocalObjectServer> local,
      StoryboardTrack storyboards) {
    this.recordings = recordings;
    this.urls = urls;
    this.clients = clients;
    this.local = local;
    this.storyboards = storyboards;
  }

  @Get(value = "/{token}", produces = MediaType.TEXT_HTML)
  HttpResponse<String> watch(@PathVariable String token, HttpRequest<?> request) {
    return open(token, Optional.empty(), request);
  }

  @Post(value = "/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
  HttpResponse<String> unlock(@PathVariable String token, @Nullable @Body Map<String, String> form,
      HttpRequest<?> request) {
    return open(token, Optional.ofNullable(form).map(f -> f.get("passcode")), request);
  }

  /**
   * One of the link's media: a 302 to a URL signed now, for {@code recording.shares.media-url-expiry}
   * at most, answering {@code Content-Disposition: inline}; the redirect itself is never cached, so
   * every fetch is checked against the link as it is then (a revoked link's player stops at its
   * next request). On the local backend the bytes are streamed here instead, with Range ({@link
   * LocalObjectServer} says why). HEAD is answered alike and counts no view (no request here does).
   */
  @Get(value = "/{token}/media/{media}", produces = MediaType.ALL)
  HttpResponse<?> media(@PathVariable String token, @PathVariable String media, @Nullable @QueryValue String grant,
      HttpRequest<?> request) {
    Optional<ShareMedia> which = ShareMedia.named(media);
    if (which.isEmpty()) {
      return refused(new ShareNotFoundException("no such media"), token);
    }
    PresignedRequest signed;
    try {
      signed = recordings.watchShare().media(new MediaQuery(token, which.get(), Optional.ofNullable(grant)));
    } catch (RecordingException e) {
      return refused(e, token);
    }
    if (which.get() == ShareMedia.STORYBOARD_VTT) {
      String query = grant == null ? "" : "?grant=" + URLEncoder.encode(grant, StandardCharsets.UTF_8);
      return storyboards.serve(signed, query).header("Referrer-Policy", "no-referrer")
          .header("X-Robots-Tag", "noindex, nofollow");
    }
    Optional<LocalObjectServer> streamed = local.find(null);
    if (streamed.isPresent()) {
      return streamed.get().serve(signed.url(), request).header("Referrer-Policy", "no-referrer")
          .header("X-Robots-Tag", "noindex, nofollow");
    }
    return HttpResponse.status(HttpStatus.FOUND)
        .header(HttpHeaders.LOCATION, urls.absolute(signed.url()))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Robots-Tag", "noindex, nofollow");
  }

  /**
   * The link's captions: its recording's transcript as WebVTT, checked against the link as the
   * media are (a passcode link needs the page's grant), from this origin so the page's {@code
   * <track>} loads under {@code media-src 'self'}. Not found while there is no ready transcript
   * (the page only offers the track once there is). Counts no view.
   */
  @Get(value = "/{token}/transcript.vtt", produces = "text/vtt")
  HttpResponse<?> captions(@PathVariable String token, @Nullable @QueryValue String grant) {
    TranscriptView view;
    try {
      view = recordings.transcripts().transcript(recordings.watchShare().recording(token, Optional.ofNullable(grant)));
    } catch (RecordingException e) {
      return refused(e, token);
    }
    if (view.transcript().isEmpty()) {
      return page(HttpStatus.NOT_FOUND, WatchPage.message("No captions",
          "This recording has no captions yet."), Set.of());
    }
    return HttpResponse.ok(TranscriptDocuments.vtt(view, view.transcript().get()))
        .contentType(TranscriptDocuments.Format.VTT.contentType())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("Referrer-Policy", "no-referrer")
        .header("X-Robots-Tag", "noindex, nofollow");
  }

  private HttpResponse<String> open(String token, Optional<String> passcode, HttpRequest<?> request) {
    SharedRecording shared;
    try {
      // A HEAD (a link checker, a preview bot) shows no one the recording: it counts no view.
      shared = recordings.watchShare().open(new OpenShareCommand(token, passcode, clients.of(request),
          request.getMethod() != HttpMethod.HEAD));
    } catch (RecordingException e) {
      return refused(e, token);
    }
    String query = shared.grant().map(g -> "?grant=" + URLEncoder.encode(g, StandardCharsets.UTF_8)).orElse("");
    String base = "/s/" + token + "/media/";
    String media = base + shared.playing().urlName() + query;
    Optional<String> poster = shared.hasPoster() ? Optional.of(base + "poster" + query) : Optional.empty();
    Processing processing = shared.recording().processing();
    Optional<String> storyboard = processing.state() == ProcessingState.READY && processing.storyboard().isPresent()
        ? Optional.of(base + ShareMedia.STORYBOARD_VTT.urlName() + query) : Optional.empty();
    Optional<String> download = shared.download().map(d -> urls.absolute(d.url()));
    // The player is sent on to the store: its origin is where the media and poster come from.
    Set<String> sources = new LinkedHashSet<>(List.of("'self'", origin(urls.absolute(shared.media().url()))));
    Optional<String> speakers = recordings.speakersEnabled()
        ? SpeakerTimelineHtml.of(recordings.speakers().speakers(shared), shared.recording().duration())
        : Optional.empty();
    // Captions from this origin ('self' is among the media sources): only once there is a transcript to show.
    Optional<String> captions = recordings.transcripts().status(shared.recording())
        .filter(status -> status.state() == TranscriptState.READY)
        .map(ready -> "/s/" + token + "/transcript.vtt" + query);
    return page(HttpStatus.OK, WatchPage.player(shared.recording(), media, shared.mediaType().value(), poster,
        storyboard, download, shared.share().expiresAt(), speakers, captions), sources,
        // The page's own script (deep links, reopening the media), the scrubbing preview's and the speaker timeline's.
        Optional.of(WatchPage.SCRIPT_HASH + " " + ScrubPreviewHtml.SCRIPT_HASH + " " + SpeakerTimelineHtml.SCRIPT_HASH));
  }

  private static MutableHttpResponse<String> refused(RecordingException e, String token) {
    if (e instanceof LimitExceededException limit) {
      long seconds = Math.max(1, limit.retryAfter().toSeconds() + (limit.retryAfter().getNano() > 0 ? 1 : 0));
      return page(HttpStatus.TOO_MANY_REQUESTS, WatchPage.message("Too many tries",
          "Too many passcode tries for this link; try again in " + seconds + " seconds."), Set.of())
          .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
    if (e instanceof PasscodeRefusedException passcode) {
      // The form's POST must carry the page's own Origin: under no-referrer a browser sends
      // "Origin: null", which the CORS filter refuses (403) as any foreign origin. same-origin still
      // sends no Referer off this server.
      return page(HttpStatus.UNAUTHORIZED, WatchPage.passcodeForm(token, passcode.given()), Set.of(),
          Optional.of(WatchPage.PASSCODE_SCRIPT_HASH), "same-origin");
    }
    if (e instanceof ShareExpiredException) {
      return page(HttpStatus.GONE, WatchPage.message("Link expired",
          "This share link has expired. Ask whoever sent it for a new one."), Set.of());
    }
    if (e instanceof ShareNotFoundException) {
      return page(HttpStatus.NOT_FOUND, WatchPage.message("Link not found",
          "This share link does not exist or is no longer shared."), Set.of());
    }
    // The page names no cause to the viewer; the log does, or a 503 here is a mystery to the operator.
    LOG.warn("watch page unavailable: {}", e.getMessage());
    return page(HttpStatus.SERVICE_UNAVAILABLE, WatchPage.message("Not available right now",
        "The recording cannot be shown right now; try again in a minute."), Set.of());
  }

  /**
   * The page with its own headers ({@link #policy}); no caching, no indexing, no referrer.
   */
  private static MutableHttpResponse<String> page(HttpStatus status, String html, Set<String> mediaSources) {
    return page(status, html, mediaSources, Optional.empty());
  }

  private static MutableHttpResponse<String> page(HttpStatus status, String html, Set<String> mediaSources,
      Optional<String> scriptHash) {
    return page(status, html, mediaSources, scriptHash, "no-referrer");
  }

  private static MutableHttpResponse<String> page(HttpStatus status, String html, Set<String> mediaSources,
      Optional<String> scriptHash, String referrerPolicy) {
    return HttpResponse.<String>status(status)
        .contentType("text/html;charset=utf-8")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("X-Robots-Tag", "noindex, nofollow")
        .header("Referrer-Policy", referrerPolicy)
        .header("Content-Security-Policy", policy(mediaSources, scriptHash))
        .body(html);
  }

  /** Nothing but the inline style, the player's script where there is one, the media and the poster may load. */
  private static String policy(Set<String> mediaSources, Optional<String> scriptHash) {
    String sources = mediaSources.isEmpty() ? "'none'" : String.join(" ", mediaSources);
    return "default-src 'none'; style-src " + WatchPage.STYLE_HASH
        + scriptHash.map(hash -> "; script-src " + hash).orElse("")
        + "; media-src " + sources + "; img-src " + sources + "; form-action 'self'; base-uri 'none';"
        + " frame-ancestors 'none'";
  }

  /** A media URL's origin for the CSP: S3's host, or this server's. */
  private static String origin(String url) {
    URI uri = URI.create(url);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }
}
