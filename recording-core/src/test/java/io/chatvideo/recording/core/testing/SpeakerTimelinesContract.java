package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.domain.SpeechSegment;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SpeakerTimelines} must do, beside the {@link RecordingRepository} of the same
 * store: keep a timeline as given, replace it, and lose it with its recording.
 */
public abstract class SpeakerTimelinesContract {

  private static final Instant MADE = Instant.parse("2026-05-01T12:05:00.123456789Z");

  protected abstract RecordingRepository repository();

  protected abstract SpeakerTimelines timelines();

  private PendingRecording stored() {
    PendingRecording recording = TestRecordings.pending("alice@example.com", "room-1",
        Instant.parse("2026-05-01T12:00:00Z"));
    repository().insert(recording);
    return recording;
  }

  @Test
  void aTimelineReadsBackAsSavedAndASecondReplacesIt() {
    PendingRecording recording = stored();
    assertThat(timelines().find(recording.id())).isEmpty();
    SpeakerTimeline ready = SpeakerTimeline.ready(List.of(new SpeechSegment(Party.REMOTE, 2_500, 4_000),
        new SpeechSegment(Party.LOCAL, 0, 2_000)), MADE);

    timelines().save(recording.id(), ready);
    assertThat(timelines().find(recording.id())).contains(ready);

    SpeakerTimeline failed = SpeakerTimeline.failed("failed: the engine stopped", MADE.plusSeconds(1));
    timelines().save(recording.id(), failed);
    assertThat(timelines().find(recording.id())).contains(failed);
  }

  @Test
  void theLongestTimelineFitsTheStore() {
    PendingRecording recording = stored();
    List<SpeechSegment> segments = new ArrayList<>();
    for (int i = 0; i < SpeakerTimeline.MAX_SEGMENTS; i++) {
      segments.add(new SpeechSegment(i % 2 == 0 ? Party.LOCAL : Party.REMOTE, i * 2_880_000L, i * 2_880_000L + 1_999_999L));
    }
    SpeakerTimeline longest = SpeakerTimeline.ready(segments, MADE);

    timelines().save(recording.id(), longest);

    assertThat(timelines().find(recording.id())).contains(longest);
  }

  @Test
  void aTimelineGoesWithItsRecording() {
    PendingRecording recording = stored();
    SpeakerTimeline unavailable = SpeakerTimeline.unavailable(SpeakerTimeline.MIXED_AUDIO, MADE);
    timelines().save(recording.id(), unavailable);

    repository().delete(recording.id());

    assertThat(timelines().find(recording.id())).isEmpty();
    timelines().save(recording.id(), unavailable);
    assertThat(timelines().find(recording.id())).as("nothing is kept for a recording that is gone").isEmpty();
  }
}
