package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Follows a listing's cursors to its end. */
final class RecordingRepositoryDrain {

  private static final int MAX_PAGES = 100_000;

  private RecordingRepositoryDrain() {}

  static List<Recording> all(Function<Optional<String>, RecordingRepository.Page> lister) {
    List<Recording> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      RecordingRepository.Page page = lister.apply(cursor);
      all.addAll(page.recordings());
      if (page.nextCursor().isEmpty()) {
        return all;
      }
      cursor = page.nextCursor();
    }
    throw new AssertionError("the listing never ended");
  }
}
