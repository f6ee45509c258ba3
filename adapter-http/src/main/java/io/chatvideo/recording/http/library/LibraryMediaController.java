package io.chatvideo.recording.http.library;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.port.in.PlayRecordingUseCase.MediaQuery;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.ShareMedia;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.http.api.PublicUrls;
import io.chatvideo.recording.http.auth.Caller;
import io.chatvideo.recording.http.auth.MediaCookie;
import io.chatvideo.recording.http.objects.LocalObjectServer;
import io.chatvideo.recording.http.objects.StoryboardTrack;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Optional;

/**
 * The library's stable media addresses, {@code /recordings/{id}/media/{mp4|original|poster|storyboard.jpg|
 * storyboard.vtt}} (the track answered here, {@link StoryboardTrack} says why): every
 * request is checked against the signed-in user and the recording as they are then, and answered
 * with a 302, never cached, to a URL signed now for {@code recording.shares.media-url-expiry}. A
 * {@code <video>} cannot send a header, so {@code POST /recordings/{id}/media} (with the bearer
 * header) hands the page a {@link MediaCookie} for that recording's media. Like the watch page's
 * media route, these answer redirects, not JSON, and are not part of the API's contract.
 */
@Controller("/recordings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
final class LibraryMediaController {

  private final Recordings recordings;
  private final PublicUrls urls;
  private final BeanProvider<LocalObjectServer> local;
  private final StoryboardTrack storyboards;

  LibraryMediaController(Recordings recordings, PublicUrls urls, BeanProvider<LocalObjectServer> local,
      StoryboardTrack storyboards) {
    this.recordings = recordings;
    this.urls = urls;
    this.local = local;
    this.storyboards = storyboards;
  }

  /**
   * 204 with the cookie for a recording the caller may play (its original is there to play); 404
   * as for any other request about a recording the caller may not see.
   */
  @Post("/{id}/media")
  HttpResponse<?> open(Caller caller, @PathVariable String id, HttpRequest<?> request) {
    RecordingId recording = RecordingId.parse(id);
    recordings.playRecording().media(new MediaQuery(caller.user(), recording, ShareMedia.ORIGINAL));
    String token = MediaCookie.bearer(request).orElseThrow(() -> new RecordingNotFoundException(recording));
    return HttpResponse.noContent().cookie(MediaCookie.of(token, recording.toString(), urls.isHttps()))
        .header(HttpHeaders.CACHE_CONTROL, "no-store");
  }

  /**
   * One medium: a redirect to a fresh short-lived inline URL, or on the local backend the bytes
   * themselves, with Range ({@link LocalObjectServer} says why); HEAD is answered alike.
   */
  @Get(value = "/{id}/media/{media}", produces = MediaType.ALL)
  HttpResponse<?> media(Caller caller, @PathVariable String id, @PathVariable String media, HttpRequest<?> request) {
    RecordingId recording = RecordingId.parse(id);
    ShareMedia which = ShareMedia.named(media).orElseThrow(() -> new RecordingNotFoundException(recording));
    PresignedRequest signed = recordings.playRecording().media(new MediaQuery(caller.user(), recording, which));
    if (which == ShareMedia.STORYBOARD_VTT) {
      return storyboards.serve(signed, "").header("Referrer-Policy", "no-referrer");
    }
    Optional<LocalObjectServer> streamed = local.find(null);
    if (streamed.isPresent()) {
      return streamed.get().serve(signed.url(), request).header("Referrer-Policy", "no-referrer");
    }
    return HttpResponse.status(HttpStatus.FOUND)
        .header(HttpHeaders.LOCATION, urls.absolute(signed.url()))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .header("Referrer-Policy", "no-referrer");
  }
}
