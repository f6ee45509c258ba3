package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ForbiddenException;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import java.time.Instant;

/**
 * Who may touch a recording, the one place every use case asks: a stranger (cannot see it) or an
 * expired recording gets not found, so existence is not disclosed; a participant who can see it
 * but does not own it gets forbidden on owner-only actions (delete, share, upload).
 */
final class RecordingAccess {

  private final RecordingRepository repository;

  RecordingAccess(RecordingRepository repository) {
    this.repository = repository;
  }

  /** A recording the caller owns or takes part in, not expired at {@code now}. */
  Recording visible(UserId caller, RecordingId id, Instant now) {
    return repository.find(id)
        .filter(r -> r.details().isVisibleTo(caller) && !r.details().isExpired(now))
        .orElseThrow(() -> new RecordingNotFoundException(id));
  }

  /** A visible recording the caller may change: only the owner may. */
  Recording owned(UserId caller, RecordingId id, Instant now) {
    Recording recording = visible(caller, id, now);
    if (!recording.details().isOwnedBy(caller)) {
      throw new ForbiddenException("only the owner may change recording " + id);
    }
    return recording;
  }

  /** An owned recording whose multipart upload is still open. */
  PendingRecording ownedMultipart(UserId caller, RecordingId id, Instant now) {
    if (owned(caller, id, now) instanceof PendingRecording pending && pending.isMultipart()) {
      return pending;
    }
    throw new ConflictException("recording " + id + " has no multipart upload in progress");
  }
}
