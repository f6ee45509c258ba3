package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists what a caller may see, newest first: without a room, what the caller owns; with a room,
 * what the caller owns or takes part in there. Expired recordings never appear.
 */
public interface ListRecordingsUseCase {

  int MAX_LIMIT = 200;

  RecordingPage list(ListRecordingsQuery query);

  record ListRecordingsQuery(UserId caller, Optional<RoomId> roomId, int limit, Optional<String> pageToken) {

    public ListRecordingsQuery {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(roomId, "roomId");
      Objects.requireNonNull(pageToken, "pageToken");
      checkLimit(limit);
    }
  }

  static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    return limit;
  }
}
