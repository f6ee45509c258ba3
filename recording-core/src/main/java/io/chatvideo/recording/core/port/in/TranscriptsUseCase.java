package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.TranscriptState;
import io.chatvideo.recording.core.domain.UserId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What was said in a recording: its transcript, made after processing from one audio channel per
 * party, so every cue names its speaker.
 *
 * <pre>{@code
 * TranscriptView view = recordings.transcripts().transcript(caller, id);
 * view.transcript().map(Transcript::cues);   // empty until ready
 * view.speaker(Party.REMOTE);                 // "bob" for bob@example.com, else "Remote"
 * }</pre>
 */
public interface TranscriptsUseCase {

  /** The transcript of a recording the caller may see; {@link RecordingNotFoundException} as for the recording itself. */
  TranscriptView transcript(UserId caller, RecordingId id);

  /** The transcript of the recording of a share link the caller passed ({@link WatchShareUseCase#recording}). */
  TranscriptView transcript(CompletedRecording shared);

  /** Where {@code recording}'s transcript stands; empty for one that is not COMPLETED (no transcript to speak of). */
  Optional<Status> status(Recording recording);

  /**
   * {@link #status} of each COMPLETED one of {@code recordings} (a listing's page), keyed by id, in
   * one read of the store instead of one per recording; the others have no entry.
   */
  Map<RecordingId, Status> statuses(List<Recording> recordings);

  /** A transcript's state and, when failed or skipped, its fixed reason. */
  record Status(TranscriptState state, Optional<String> reason) {

    public Status {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * {@code transcript} holds the cues only when {@code status} is ready. {@code speakers} names
   * each party for people: the owner (who recorded: the local party) and the one participant (the
   * remote party) by their email's local part, else {@code Local} and {@code Remote}.
   */
  record TranscriptView(RecordingId recordingId, Status status, Optional<Transcript> transcript,
      Map<Party, String> speakers) {

    public TranscriptView {
      Objects.requireNonNull(recordingId, "recordingId");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(transcript, "transcript");
      speakers = Map.copyOf(speakers);
    }

    public String speaker(Party party) {
      return speakers.get(party);
    }
  }
}
