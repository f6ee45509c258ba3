package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists what a caller may see, newest first unless the filter says oldest: without a room, what
 * the caller owns; with a room, what the caller owns or takes part in there; narrowed by the rest
 * of the {@link RecordingFilter}. Expired recordings never appear. A page token works only with
 * the caller and filter it came from; with another it is invalid input on {@code next_token}.
 */
public interface ListRecordingsUseCase {

  int MAX_LIMIT = 200;

  RecordingPage list(ListRecordingsQuery query);

  record ListRecordingsQuery(UserId caller, RecordingFilter filter, int limit, Optional<String> pageToken) {

    public ListRecordingsQuery {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(filter, "filter");
      Objects.requireNonNull(pageToken, "pageToken");
      checkLimit(limit);
    }

    /** The listing of a room, or of the caller's own recordings, with no other filter. */
    public ListRecordingsQuery(UserId caller, Optional<RoomId> roomId, int limit, Optional<String> pageToken) {
      this(caller, RecordingFilter.ofRoom(roomId), limit, pageToken);
    }
  }

  static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    return limit;
  }
}
