package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where recording metadata lives (SQLite, DynamoDB, …). Implementations throw {@link
 * io.chatvideo.recording.core.domain.StorageUnavailableException} when the store cannot be
 * reached, and must be safe for concurrent use.
 *
 * <p>Owner and room listings are newest first ({@code created_at} descending, then id), skip recordings expired
 * at {@code now}, and page with an opaque cursor that the implementation produces and checks (a
 * malformed cursor is an {@link io.chatvideo.recording.core.domain.InvalidInputException} on
 * {@code next_token}). Each recording appears exactly once across the pages of one listing.
 */
public interface RecordingRepository {

  /** Stores a new recording; a {@code ConflictException} if the id is taken. */
  void insert(PendingRecording recording);

  /** The recording, in whatever state and expired or not. */
  Optional<Recording> find(RecordingId id);

  /**
   * Replaces the stored recording with the same id only if its status is still {@code expected},
   * atomically; otherwise (changed or gone) a {@code ConflictException}. This is what keeps a
   * completion and a sweep from overwriting each other.
   */
  void replace(Recording recording, RecordingStatus expected);

  /** Deletes the recording's metadata; nothing happens if it is gone already. */
  void delete(RecordingId id);

  /**
   * The recordings {@code viewer} may see that {@code filter} keeps, in its order: with a room,
   * those of the room {@code viewer} owns or takes part in; without, those {@code viewer} owns;
   * never an expired one. A store that filters after reading may answer a
   * short page, even an empty one, with a cursor: callers follow cursors, not page sizes. The
   * cursor needs to work only with the same filter and viewer (the core binds tokens to both).
   */
  Page list(RecordingFilter filter, UserId viewer, Instant now, int limit, Optional<String> cursor);

  /**
   * What {@code owner}'s recordings created at or after {@code since} and not expired at {@code
   * now} add up to for the upload limits (the same recordings {@link #list} without a room would
   * list back to {@code since}): the PENDING ones whose upload window is open after {@code now}, the bytes
   * of those (declared) and of the COMPLETED ones (stored), and the oldest creation time among
   * all of them. An aggregate the store computes, or reads with only the attributes it needs; an
   * implementation that bounds how much it reads says so.
   */
  UploadUsage uploadUsage(UserId owner, Instant since, Instant now);

  /** Every recording, expired or not, for administrators; in no particular order (DynamoDB scans). */
  Page listAll(int limit, Optional<String> cursor);

  /** Up to {@code limit} recordings expired at {@code now}, in any state. */
  List<Recording> findExpired(Instant now, int limit);

  /**
   * Up to {@code limit} uploads that can no longer finish: PENDING recordings whose upload window
   * closed before {@code uploadWindowClosedBefore}, and ABANDONED ones left by an interrupted sweep.
   */
  List<Recording> findUnfinishedUploads(Instant uploadWindowClosedBefore, int limit);

  /**
   * Up to {@code limit} COMPLETED recordings whose processing has been {@code queued} or {@code
   * running} since before {@code since}: jobs the sweep queues again or gives up on.
   */
  List<CompletedRecording> findStalledProcessing(Instant since, int limit);

  /** One page of a listing; {@code nextCursor} is empty on the last page. */
  record Page(List<Recording> recordings, Optional<String> nextCursor) {

    public Page {
      recordings = List.copyOf(recordings);
      Objects.requireNonNull(nextCursor, "nextCursor");
    }
  }
}
