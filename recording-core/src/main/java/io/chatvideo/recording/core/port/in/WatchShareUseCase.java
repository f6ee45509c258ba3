package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens a share link for whoever holds its token, without signing in. Each successful open counts
 * one view and signs fresh short-lived media URLs.
 *
 * <pre>{@code
 * SharedRecording shared = watch.open("Qm9…", Optional.empty());
 * // shared.media(): a GET valid for minutes; shared.download(): empty when the owner disabled downloads
 * }</pre>
 */
public interface WatchShareUseCase {

  /**
   * {@code ShareNotFoundException} for an unknown, malformed, revoked or dead link, {@code
   * ShareExpiredException} past its expiry, {@code PasscodeRefusedException} when its passcode is
   * missing or wrong.
   */
  SharedRecording open(String token, Optional<String> passcode);

  /** What a watch page shows: the MP4 rendition when processing made one, else the original. */
  record SharedRecording(Share share, CompletedRecording recording, PresignedRequest media, ContentType mediaType,
      Optional<PresignedRequest> poster, Optional<PresignedRequest> download) {

    public SharedRecording {
      Objects.requireNonNull(share, "share");
      Objects.requireNonNull(recording, "recording");
      Objects.requireNonNull(media, "media");
      Objects.requireNonNull(mediaType, "mediaType");
      Objects.requireNonNull(poster, "poster");
      Objects.requireNonNull(download, "download");
    }
  }
}
