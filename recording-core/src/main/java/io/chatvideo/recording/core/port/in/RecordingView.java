package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A recording as a caller sees it, with a fresh download request when it is COMPLETED and, once
 * processing made them, the poster's and each playable file's.
 */
public record RecordingView(
    Recording recording, Optional<PresignedRequest> download, Optional<PresignedRequest> thumbnail,
    List<RenditionView> renditions) {

  public RecordingView {
    Objects.requireNonNull(recording, "recording");
    Objects.requireNonNull(download, "download");
    Objects.requireNonNull(thumbnail, "thumbnail");
    renditions = List.copyOf(renditions);
  }

  /** A view with no processing results to show. */
  public RecordingView(Recording recording, Optional<PresignedRequest> download) {
    this(recording, download, Optional.empty(), List.of());
  }

  /** One playable file of a ready recording: {@code format} is {@code webm} or {@code mp4}. */
  public record RenditionView(String format, ContentType contentType, long size, PresignedRequest download) {

    public RenditionView {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(download, "download");
    }
  }
}
