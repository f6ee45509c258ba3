package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import java.util.Optional;

/**
 * Where speaker timelines are kept, beside their recordings in the repository's store: a
 * timeline goes when its recording is deleted or expires (SQLite: a foreign key; DynamoDB: an
 * item of the recording's, deleted with it and under its TTL). Implementations throw {@link
 * io.chatvideo.recording.core.domain.StorageUnavailableException} when the store cannot be reached.
 */
public interface SpeakerTimelines {

  /** Keeps {@code timeline} for the recording, replacing an earlier one; nothing if the recording is gone. */
  void save(RecordingId id, SpeakerTimeline timeline);

  /** The recording's timeline; empty before the step ran (or after the recording went). */
  Optional<SpeakerTimeline> find(RecordingId id);
}
