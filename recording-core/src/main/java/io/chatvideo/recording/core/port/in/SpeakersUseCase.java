package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.SharedRecording;
import java.util.Objects;
import java.util.Optional;

/**
 * Who spoke when in a recording: its speaker timeline, found after processing from one audio
 * channel per party.
 *
 * <pre>{@code
 * Speakers speakers = recordings.speakers().speakers(caller, id);
 * speakers.timeline().map(t -> t.talkMs(Party.REMOTE));   // empty while pending
 * }</pre>
 */
public interface SpeakersUseCase {

  /** The timeline of a recording the caller may see; {@link RecordingNotFoundException} as for the recording itself. */
  Speakers speakers(UserId caller, RecordingId id);

  /** The timeline of the recording of a share link just opened ({@link WatchShareUseCase#open}). */
  Speakers speakers(SharedRecording shared);

  /** {@code timeline} is empty until the step ran: the API's {@code pending}. */
  record Speakers(RecordingId recordingId, AudioLayout audioLayout, Optional<SpeakerTimeline> timeline) {

    public Speakers {
      Objects.requireNonNull(recordingId, "recordingId");
      Objects.requireNonNull(audioLayout, "audioLayout");
      Objects.requireNonNull(timeline, "timeline");
    }

    /** {@code pending}, {@code ready}, {@code unavailable} or {@code failed}. */
    public String state() {
      return timeline.map(t -> t.state().wireName()).orElse("pending");
    }
  }
}
