package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.SpeakersJson;
import io.chatvideo.recording.api.SpeakersJson.SpeechSegmentJson;
import io.chatvideo.recording.api.SpeakersJson.TalkTimeJson;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.domain.SpeakersState;
import io.chatvideo.recording.core.port.in.SpeakersUseCase.Speakers;

/** A speaker timeline of the core as the API shows it; the watch page shows the same. */
public final class SpeakerViews {

  private SpeakerViews() {}

  public static SpeakersJson json(Speakers speakers) {
    SpeakerTimeline timeline = speakers.timeline().orElse(null);
    boolean ready = timeline != null && timeline.state() == SpeakersState.READY;
    return new SpeakersJson(
        speakers.recordingId().toString(),
        speakers.audioLayout().wireName(),
        speakers.state(),
        timeline == null ? null : timeline.reason().orElse(null),
        ready ? new TalkTimeJson(timeline.talkMs(Party.LOCAL), timeline.talkMs(Party.REMOTE)) : null,
        ready ? timeline.segments().stream()
            .map(s -> new SpeechSegmentJson(s.party().wireName(), s.startMs(), s.endMs())).toList() : null);
  }
}
