package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.port.out.Transcripts;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Transcripts in memory, going with their recording as the stores' do. */
public final class InMemoryTranscripts implements Transcripts {

  private final InMemoryRecordingRepository recordings;
  private final Map<RecordingId, Transcript> transcripts = new ConcurrentHashMap<>();

  public InMemoryTranscripts(InMemoryRecordingRepository recordings) {
    this.recordings = recordings;
  }

  @Override
  public void save(RecordingId id, Transcript transcript) {
    if (recordings.find(id).isPresent()) {
      transcripts.put(id, transcript);
    }
  }

  @Override
  public Optional<Transcript> find(RecordingId id) {
    return recordings.find(id).isPresent() ? Optional.ofNullable(transcripts.get(id)) : Optional.empty();
  }

  @Override
  public Optional<Transcript> status(RecordingId id) {
    return find(id).map(t -> new Transcript(t.state(), t.reason(), t.engine(), List.of(), t.madeAt()));
  }

  @Override
  public Map<RecordingId, Transcript> statuses(Collection<RecordingId> ids) {
    Map<RecordingId, Transcript> found = new HashMap<>();
    for (RecordingId id : ids) {
      status(id).ifPresent(t -> found.put(id, t));
    }
    return found;
  }
}
