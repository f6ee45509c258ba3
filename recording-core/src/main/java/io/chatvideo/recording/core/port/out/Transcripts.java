package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Transcript;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Where transcripts are kept, beside their recordings in the repository's store: a transcript goes
 * when its recording is deleted or expires (SQLite: a foreign key; DynamoDB: an item of the
 * recording's, deleted with it and under its TTL). Implementations throw {@link
 * io.chatvideo.recording.core.domain.StorageUnavailableException} when the store cannot be reached.
 */
public interface Transcripts {

  /** Keeps {@code transcript} for the recording, replacing an earlier one; nothing if the recording is gone. */
  void save(RecordingId id, Transcript transcript);

  /** The recording's transcript with its cues; empty before the step began (or after the recording went). */
  Optional<Transcript> find(RecordingId id);

  /** The recording's transcript without its cues (state, reason, engine): what a listing shows. */
  Optional<Transcript> status(RecordingId id);

  /**
   * {@link #status} of each of {@code ids} in one read of the store (a listing's page: SQLite one
   * query, DynamoDB one BatchGetItem per 100), keyed by id; an id without a transcript has no entry.
   */
  Map<RecordingId, Transcript> statuses(Collection<RecordingId> ids);
}
