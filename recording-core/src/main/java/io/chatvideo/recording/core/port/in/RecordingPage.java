package io.chatvideo.recording.core.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a listing; pass {@code nextToken} back for the next page, empty on the last. */
public record RecordingPage(List<RecordingView> recordings, Optional<String> nextToken) {

  public RecordingPage {
    recordings = List.copyOf(recordings);
    Objects.requireNonNull(nextToken, "nextToken");
  }
}
