package io.chatvideo.recording.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.TranscriptCue;
import io.chatvideo.recording.core.domain.TranscriptState;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.Transcripts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transcripts} must do, beside the {@link RecordingRepository} of the same
 * store: keep a transcript as given (its status without the cues, one at a time or a page's at
 * once), replace it, hold the longest one
 * a transcript may be, and lose it with its recording.
 */
public abstract class TranscriptsContract {

  private static final Instant MADE = Instant.parse("2026-05-01T12:05:00.123456789Z");

  protected abstract RecordingRepository repository();

  protected abstract Transcripts transcripts();

  private PendingRecording stored() {
    PendingRecording recording = TestRecordings.pending("alice@example.com", "room-1",
        Instant.parse("2026-05-01T12:00:00Z"));
    repository().insert(recording);
    return recording;
  }

  @Test
  void aTranscriptReadsBackAsSavedItsStatusWithoutCuesAndASecondReplacesIt() {
    PendingRecording recording = stored();
    assertThat(transcripts().find(recording.id())).isEmpty();
    assertThat(transcripts().status(recording.id())).isEmpty();
    Transcript ready = Transcript.ready("embedded", List.of(
        new TranscriptCue(Party.REMOTE, 2_500, 4_000, "please send me the report\tby friday"),
        new TranscriptCue(Party.LOCAL, 0, 2_000, "héllo — \"quoted\" <b>not markup</b>")), MADE);

    transcripts().save(recording.id(), ready);
    assertThat(transcripts().find(recording.id())).contains(ready);
    assertThat(transcripts().status(recording.id())).contains(
        new Transcript(TranscriptState.READY, Optional.empty(), "embedded", List.of(), MADE));

    Transcript failed = Transcript.failed("embedded", Transcript.ENGINE_DOWN, MADE.plusSeconds(1));
    transcripts().save(recording.id(), failed);
    assertThat(transcripts().find(recording.id())).contains(failed);
    assertThat(transcripts().status(recording.id())).contains(failed);
  }

  @Test
  void aPagesStatusesReadAtOnceWithoutCuesPastTheStoresBatchSizeAndOnlyForTranscriptsKept() {
    PendingRecording ready = stored();
    PendingRecording failed = stored();
    PendingRecording none = stored();
    transcripts().save(ready.id(), Transcript.ready("embedded", List.of(
        new TranscriptCue(Party.LOCAL, 0, 2_000, "hello")), MADE));
    transcripts().save(failed.id(), Transcript.failed("embedded", Transcript.ENGINE_DOWN, MADE));
    // 150 ids (DynamoDB's BatchGetItem takes 100): the kept ones come after the first hundred.
    List<RecordingId> ids = new ArrayList<>();
    for (int i = 0; i < 147; i++) {
      ids.add(new RecordingId(UUID.randomUUID()));
    }
    ids.addAll(List.of(none.id(), ready.id(), failed.id()));

    assertThat(transcripts().statuses(ids)).isEqualTo(Map.of(
        ready.id(), new Transcript(TranscriptState.READY, Optional.empty(), "embedded", List.of(), MADE),
        failed.id(), Transcript.failed("embedded", Transcript.ENGINE_DOWN, MADE)));
    assertThat(transcripts().statuses(List.of())).isEmpty();
  }

  @Test
  void theLongestTranscriptFitsTheStore() {
    PendingRecording recording = stored();
    List<TranscriptCue> cues = new ArrayList<>();
    int perCue = Transcript.MAX_CHARS / Transcript.MAX_CUES;
    for (int i = 0; i < Transcript.MAX_CUES; i++) {
      String text = ("word" + i + " ").repeat(perCue).substring(0, perCue).strip();
      cues.add(new TranscriptCue(i % 2 == 0 ? Party.LOCAL : Party.REMOTE, i * 1_440L, i * 1_440L + 1_400L, text));
    }
    Transcript longest = Transcript.ready("embedded", cues, MADE);

    transcripts().save(recording.id(), longest);

    assertThat(transcripts().find(recording.id())).contains(longest);
  }

  @Test
  void aTranscriptGoesWithItsRecording() {
    PendingRecording recording = stored();
    Transcript skipped = Transcript.skipped("embedded", Transcript.MIXED_AUDIO, MADE);
    transcripts().save(recording.id(), skipped);

    repository().delete(recording.id());

    assertThat(transcripts().find(recording.id())).isEmpty();
    transcripts().save(recording.id(), skipped);
    assertThat(transcripts().find(recording.id())).as("nothing is kept for a recording that is gone").isEmpty();
  }
}
