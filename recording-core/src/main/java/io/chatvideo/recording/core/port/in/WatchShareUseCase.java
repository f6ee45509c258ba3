package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a share link for whoever holds its token, without signing in. Each successful open counts
 * one view (unless it {@linkplain OpenShareCommand#countsView shows nothing}); the link's media is then fetched through {@link #media}, which checks the link again on
 * every request and signs a fresh short-lived URL that a player shows inline.
 *
 * <pre>{@code
 * SharedRecording shared = watch.open(new OpenShareCommand("Qm9…", Optional.empty(), Optional.of("203.0.113.9")));
 * PresignedRequest video = watch.media(new MediaQuery("Qm9…", shared.playing(), shared.grant()));
 * // shared.download(): empty when the owner disabled downloads
 * }</pre>
 */
public interface WatchShareUseCase {

  /**
   * {@code ShareNotFoundException} for an unknown, malformed, revoked or dead link, {@code
   * ShareExpiredException} past its expiry, {@code PasscodeRefusedException} when its passcode is
   * missing or wrong, {@code LimitExceededException} when the link or the client address has used
   * up its passcode tries for the minute (counted only for a live link with a passcode).
   */
  SharedRecording open(OpenShareCommand command);

  /**
   * A fresh GET of one of the link's media, answering inline (never as an attachment), checked
   * against the link as it is now: the same refusals as {@link #open}, and not found for media the
   * recording lacks or a passcode link's request without a valid grant. Counts no view.
   */
  PresignedRequest media(MediaQuery query);

  /**
   * The link's recording, for what the watch page loads beside its media (the captions), checked
   * as {@link #media} checks: the same refusals, and a passcode link needs a valid grant. Counts no
   * view.
   */
  CompletedRecording recording(String token, Optional<String> grant);

  /**
   * @param clientAddress the address whose passcode tries are counted besides the link's, when known
   * @param countsView false for a request that shows no one the recording (an HTTP {@code HEAD})
   */
  record OpenShareCommand(String token, Optional<String> passcode, Optional<String> clientAddress,
      boolean countsView) {

    public OpenShareCommand {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(passcode, "passcode");
      Objects.requireNonNull(clientAddress, "clientAddress");
    }

    /** An open by someone who will watch: it counts a view. */
    public OpenShareCommand(String token, Optional<String> passcode, Optional<String> clientAddress) {
      this(token, passcode, clientAddress, true);
    }
  }

  /** @param grant what {@link SharedRecording#grant()} gave, for a link with a passcode */
  record MediaQuery(String token, ShareMedia media, Optional<String> grant) {

    public MediaQuery {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(media, "media");
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** The media a link (or the library) serves, named in URLs by their lower-case names: {@code mp4}, {@code original}, {@code poster}. */
  enum ShareMedia {
    MP4, ORIGINAL, POSTER,
    /** The storyboard's sprite, which its track's cues name relatively: {@code storyboard.jpg#xywh=…}. */
    STORYBOARD_JPG,
    /** The storyboard's WebVTT track, {@code storyboard.vtt}. */
    STORYBOARD_VTT;

    /** The medium a URL names, if any. */
    public static Optional<ShareMedia> named(String name) {
      return Arrays.stream(values()).filter(m -> m.urlName().equals(name)).findFirst();
    }

    public String urlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }
  }

  /**
   * What a watch page shows: {@code playing} is the MP4 rendition when processing made one, else
   * the original; {@code media} a URL of it as fetched now (for where the player will be sent);
   * {@code grant} what the media requests of a passcode link carry.
   */
  record SharedRecording(Share share, CompletedRecording recording, ShareMedia playing, ContentType mediaType,
      PresignedRequest media, boolean hasPoster, Optional<PresignedRequest> download, Optional<String> grant) {

    public SharedRecording {
      Objects.requireNonNull(share, "share");
      Objects.requireNonNull(recording, "recording");
      Objects.requireNonNull(playing, "playing");
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(media, "media");
      Objects.requireNonNull(download, "download");
      Objects.requireNonNull(grant, "grant");
    }
  }
}
