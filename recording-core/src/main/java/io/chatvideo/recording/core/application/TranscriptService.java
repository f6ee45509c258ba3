package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.TranscriptCue;
import io.chatvideo.recording.core.domain.TranscriptState;
import io.chatvideo.recording.core.domain.TranscriptionException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.TranscriptsUseCase;
import io.chatvideo.recording.core.port.out.SpeechActivity;
import io.chatvideo.recording.core.port.out.Transcriber;
import io.chatvideo.recording.core.port.out.Transcripts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Transcripts: the second half of the job after processing ({@code FIND_SPEAKERS}, which reads the
 * original once for both), so the video never waits for it. Each party's channel is written alone
 * ({@link SpeechActivity#partyAudio}) and handed to the {@link Transcriber}, so every cue carries
 * its party. A mixed or one-channel recording is skipped (nothing tells its voices apart, and a
 * transcript without speakers is not what captions promise here); an engine that fails in a way a
 * retry may help is retried as the job, and its last failure is kept with a fixed reason.
 */
final class TranscriptService implements TranscriptsUseCase {

  private static final System.Logger LOG = System.getLogger(TranscriptService.class.getName());

  private final Optional<Transcripts> store;
  private final String engineName;
  private final Optional<Transcriber> engine;
  private final Optional<SpeechActivity> speech;
  private final Locale language;
  private final RecordingAccess access;
  private final Clock clock;

  TranscriptService(Optional<Transcripts> store, String engineName, Optional<Transcriber> engine,
      Optional<SpeechActivity> speech, Locale language, RecordingAccess access, Clock clock) {
    this.store = store;
    this.engineName = engineName == null ? "off" : engineName;
    this.engine = engine;
    this.speech = speech;
    this.language = language;
    this.access = access;
    this.clock = clock;
  }

  @Override
  public TranscriptView transcript(UserId caller, RecordingId id) {
    return view(access.visible(caller, id, clock.instant()));
  }

  @Override
  public TranscriptView transcript(CompletedRecording shared) {
    return view(shared);
  }

  @Override
  public Optional<Status> status(Recording recording) {
    if (!(recording instanceof CompletedRecording completed)) {
      return Optional.empty();
    }
    return Optional.of(status(completed, store.flatMap(kept -> kept.status(recording.id()))));
  }

  @Override
  public Map<RecordingId, Status> statuses(List<Recording> recordings) {
    List<CompletedRecording> completed = recordings.stream()
        .filter(CompletedRecording.class::isInstance).map(CompletedRecording.class::cast).toList();
    Map<RecordingId, Transcript> kept = store.isEmpty() || completed.isEmpty() ? Map.of()
        : store.get().statuses(completed.stream().map(Recording::id).toList());
    Map<RecordingId, Status> statuses = new HashMap<>();
    for (CompletedRecording recording : completed) {
      statuses.put(recording.id(), status(recording, Optional.ofNullable(kept.get(recording.id()))));
    }
    return statuses;
  }

  /** What the transcript of {@code completed} shows, from the one {@code kept} (its status) if any. */
  private Status status(CompletedRecording completed, Optional<Transcript> kept) {
    if (store.isEmpty()) {
      return new Status(TranscriptState.OFF, Optional.empty());
    }
    if (kept.isPresent()) {
      return new Status(kept.get().state(), kept.get().reason());
    }
    return switch (completed.processing().state()) {
      case QUEUED, RUNNING, READY -> new Status(TranscriptState.QUEUED, Optional.empty());
      case FAILED -> new Status(TranscriptState.SKIPPED, Optional.of(Transcript.NOT_PROCESSED));
      case OFF -> new Status(TranscriptState.OFF, Optional.empty());
    };
  }

  private TranscriptView view(Recording recording) {
    Status status = status(recording).orElse(new Status(TranscriptState.QUEUED, Optional.empty()));
    Optional<Transcript> transcript = status.state() == TranscriptState.READY ? store.get().find(recording.id())
        : Optional.empty();
    Map<Party, String> speakers = new EnumMap<>(Party.class);
    speakers.put(Party.LOCAL, name(recording.details().owner()).orElse("Local"));
    speakers.put(Party.REMOTE, recording.details().participants().size() == 1
        ? name(recording.details().participants().iterator().next()).orElse("Remote") : "Remote");
    return new TranscriptView(recording.id(), status, transcript, speakers);
  }

  /** An email's local part: what a caption shows of a person whose id is a verified email. */
  private static Optional<String> name(UserId user) {
    String value = user.value();
    int at = value.indexOf('@');
    return value.startsWith(UserId.SUBJECT_PREFIX) || at <= 0 ? Optional.empty()
        : Optional.of(value.substring(0, at));
  }

  boolean enabled() {
    return store.isPresent();
  }

  /** Whether the job still has this step to do for {@code id} (none kept yet, or one waiting for a retry). */
  boolean pending(RecordingId id) {
    return store.orElseThrow().status(id).map(t -> t.state() == TranscriptState.QUEUED || t.state() == TranscriptState.RUNNING)
        .orElse(true);
  }

  /**
   * One attempt at the transcript of a ready recording whose original {@code original} fetches
   * (once, shared with the speaker timeline): the transcript kept, or empty when the queue should
   * try again ({@code last} keeps the failure instead). The caller reads the kept one.
   */
  Optional<Transcript> run(CompletedRecording recording, Supplier<Path> original, IntSupplier channels,
      Path dir, boolean last) {
    Transcript transcript;
    try {
      transcript = transcribe(recording, original, channels, dir);
    } catch (TranscriptionException e) {
      LOG.log(System.Logger.Level.WARNING, "transcribing recording " + recording.id() + " failed ("
          + e.reason().code() + "): " + e.getMessage() + e.detail().map(detail -> "\n" + detail).orElse(""));
      if (e.reason().retryable() && !last) {
        store.orElseThrow().save(recording.id(), Transcript.waiting(TranscriptState.QUEUED, engineName, clock.instant()));
        return Optional.empty();
      }
      transcript = Transcript.failed(engineName, Transcript.reasonOf(e.reason()), clock.instant());
    } catch (MediaProcessingException e) {
      LOG.log(System.Logger.Level.WARNING, "writing a party's audio of recording " + recording.id() + " failed ("
          + e.reason().code() + "): " + e.getMessage() + e.detail().map(detail -> "\n" + detail).orElse(""));
      if (e.reason().retryable() && !last) {
        store.orElseThrow().save(recording.id(), Transcript.waiting(TranscriptState.QUEUED, engineName, clock.instant()));
        return Optional.empty();
      }
      transcript = Transcript.failed(engineName, e.reason().retryable()
          ? e.reason() == MediaProcessingException.Reason.TIMED_OUT ? Transcript.ENGINE_TIMEOUT : Transcript.ENGINE_DOWN
          : Transcript.NO_AUDIO, clock.instant());
    }
    store.orElseThrow().save(recording.id(), transcript);
    return Optional.of(transcript);
  }

  private Transcript transcribe(CompletedRecording recording, Supplier<Path> original, IntSupplier channels,
      Path dir) {
    if (recording.processing().state() != ProcessingState.READY) {
      return Transcript.skipped(engineName, Transcript.NOT_PROCESSED, clock.instant());
    }
    if (recording.details().audioLayout() == AudioLayout.MIXED) {
      return Transcript.skipped(engineName, Transcript.MIXED_AUDIO, clock.instant());
    }
    int count = channels.getAsInt();
    if (count == 0) {
      return Transcript.failed(engineName, Transcript.NO_AUDIO, clock.instant());
    }
    if (count == 1) {
      return Transcript.skipped(engineName, Transcript.ONE_CHANNEL, clock.instant());
    }
    // A worker without the engine (one that only delivers events) hands the job on to one that has it.
    Transcriber transcriber = engine.orElseThrow(() -> new TranscriptionException(
        TranscriptionException.Reason.ENGINE_DOWN, "no transcription engine on this worker"));
    SpeechActivity audio = speech.orElseThrow(() -> new TranscriptionException(
        TranscriptionException.Reason.ENGINE_DOWN, "no media engine on this worker"));
    store.orElseThrow().save(recording.id(), Transcript.waiting(TranscriptState.RUNNING, engineName, clock.instant()));
    ContentType type = recording.details().contentType();
    Duration duration = recording.duration().orElse(Duration.ZERO);
    List<TranscriptCue> cues = new ArrayList<>();
    for (Party party : Party.values()) {
      Path wav = dir.resolve(party.wireName() + ".wav");
      audio.partyAudio(original.get(), type, party, duration, wav);
      for (SpokenText spoken : transcriber.transcribe(wav, duration, language)) {
        cues.add(TranscriptCue.of(party, spoken));
      }
      if (!Transcript.fits(cues)) {
        throw new TranscriptionException(TranscriptionException.Reason.ANSWER_TOO_LARGE,
            "the transcript holds more than " + Transcript.MAX_CUES + " phrases or " + Transcript.MAX_CHARS
                + " characters");
      }
    }
    return Transcript.ready(transcriber.name(), cues, clock.instant());
  }
}
