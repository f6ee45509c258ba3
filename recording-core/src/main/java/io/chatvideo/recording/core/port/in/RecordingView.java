package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.util.Objects;
import java.util.Optional;

/** A recording as a caller sees it, with a fresh download request when it is COMPLETED. */
public record RecordingView(Recording recording, Optional<PresignedRequest> download) {

  public RecordingView {
    Objects.requireNonNull(recording, "recording");
    Objects.requireNonNull(download, "download");
  }
}
