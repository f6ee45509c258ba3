package io.chatvideo.recording.core.testing;

import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Speaker timelines in memory, going with their recording as the stores' do. */
public final class InMemorySpeakerTimelines implements SpeakerTimelines {

  private final InMemoryRecordingRepository recordings;
  private final Map<RecordingId, SpeakerTimeline> timelines = new ConcurrentHashMap<>();

  public InMemorySpeakerTimelines(InMemoryRecordingRepository recordings) {
    this.recordings = recordings;
  }

  @Override
  public void save(RecordingId id, SpeakerTimeline timeline) {
    if (recordings.find(id).isPresent()) {
      timelines.put(id, timeline);
    }
  }

  @Override
  public Optional<SpeakerTimeline> find(RecordingId id) {
    return recordings.find(id).isPresent() ? Optional.ofNullable(timelines.get(id)) : Optional.empty();
  }
}
