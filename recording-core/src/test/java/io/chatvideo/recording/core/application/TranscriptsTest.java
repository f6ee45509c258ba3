package io.chatvideo.recording.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.SpeechSegment;
import io.chatvideo.recording.core.domain.SpokenText;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.TranscriptCue;
import io.chatvideo.recording.core.domain.TranscriptState;
import io.chatvideo.recording.core.domain.TranscriptionException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase.ListRecordingsQuery;
import io.chatvideo.recording.core.port.in.RecordingView;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.in.TranscriptsUseCase.Status;
import io.chatvideo.recording.core.port.in.TranscriptsUseCase.TranscriptView;
import io.chatvideo.recording.core.port.out.Transcripts;
import io.chatvideo.recording.core.testing.FakeMediaProcessor;
import io.chatvideo.recording.core.testing.InMemoryEventOutbox;
import io.chatvideo.recording.core.testing.InMemoryJobQueue;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.InMemorySpeakerTimelines;
import io.chatvideo.recording.core.testing.InMemoryTranscripts;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import io.chatvideo.recording.core.testing.InMemoryWebhookEndpoints;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.core.testing.ScriptedSpeechActivity;
import io.chatvideo.recording.core.testing.ScriptedTranscriber;
import io.chatvideo.recording.core.testing.ScriptedWebhookSender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts after processing, over in-memory adapters, a scripted speech engine and a scripted transcriber. */
class TranscriptsTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final UserId BOB = UserId.of("bob@example.com");
  private static final UserId MALLORY = UserId.of("mallory@example.com");
  private static final int ATTEMPTS = 3;

  @TempDir
  Path work;

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryRecordingRepository repository = new InMemoryRecordingRepository();
  private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
  private final InMemoryJobQueue queue = new InMemoryJobQueue(ATTEMPTS);
  private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(repository, queue);
  private final InMemoryTranscripts transcripts = new InMemoryTranscripts(repository);
  private final ScriptedSpeechActivity speech = new ScriptedSpeechActivity();
  private final ScriptedTranscriber engine = new ScriptedTranscriber();
  private Recordings recordings;

  @BeforeEach
  void wire() {
    recordings = Recordings.builder().repository(repository).storage(storage)
        .ledger(new InMemoryUploadLedger()).clock(clock).jobs(queue).media(new FakeMediaProcessor())
        .processing(ProcessingPolicy.on()).workDirectory(work)
        .events(outbox, new InMemoryWebhookEndpoints(), new ScriptedWebhookSender())
        .speakers(new InMemorySpeakerTimelines(repository), Optional.of(speech))
        .transcripts(transcripts, "scripted", Optional.of(engine), Locale.US).build();
    speech.answer(2, List.of(new SpeechSegment(Party.LOCAL, 0, 1_500), new SpeechSegment(Party.REMOTE, 2_000, 3_000)));
  }

  private RecordingId complete(AudioLayout layout, Set<UserId> participants) {
    byte[] bytes = "MEDIA call".getBytes(StandardCharsets.UTF_8);
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE,
        RoomId.of("room-1"), Optional.of("call.webm"), ContentType.DEFAULT, OptionalLong.of(bytes.length),
        participants, layout));
    storage.put(ticket.objectKey(), bytes);
    recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(), Optional.empty(),
        Optional.empty()));
    return ticket.recordingId();
  }

  private void runJobs() {
    while (recordings.jobs().runNext()) {
      clock.advance(Duration.ofMillis(10));
    }
  }

  /** Runs jobs, waiting out retries, until none is left. */
  private void runJobsAndRetries() {
    for (int i = 0; i < 20; i++) {
      runJobs();
      clock.advance(Duration.ofHours(1));
    }
  }

  private Status status(RecordingId id) {
    return recordings.transcripts().status(repository.find(id).orElseThrow()).orElseThrow();
  }

  private List<RecordingEvent> transcribed() {
    return outbox.events().stream().filter(e -> e.type() == EventType.RECORDING_TRANSCRIBED).toList();
  }

  @Test
  void eachPartysChannelIsTranscribedApartAfterTheVideoIsReadyAndEveryCueCarriesItsSpeaker() {
    engine.says("local", List.of(new SpokenText(100, 1_400, "good morning")));
    engine.says("remote", List.of(new SpokenText(2_100, 2_900, "hello there")));
    RecordingId id = complete(AudioLayout.PER_PARTY, Set.of(BOB));
    assertThat(status(id).state()).isEqualTo(TranscriptState.QUEUED);

    while (((CompletedRecording) repository.find(id).orElseThrow()).processing().state() != ProcessingState.READY) {
      assertThat(recordings.jobs().runNext()).as("processing runs").isTrue();
    }
    assertThat(engine.heard()).as("the video is ready before anything is transcribed").isEmpty();
    assertThat(status(id).state()).isEqualTo(TranscriptState.QUEUED);
    runJobs();

    assertThat(engine.heard()).containsExactly("local en-US", "remote en-US");
    TranscriptView view = recordings.transcripts().transcript(ALICE, id);
    assertThat(view.status()).isEqualTo(new Status(TranscriptState.READY, Optional.empty()));
    assertThat(view.transcript().orElseThrow().cues()).containsExactly(
        new TranscriptCue(Party.LOCAL, 100, 1_400, "good morning"),
        new TranscriptCue(Party.REMOTE, 2_100, 2_900, "hello there"));
    assertThat(view.speaker(Party.LOCAL)).as("the owner recorded").isEqualTo("alice");
    assertThat(view.speaker(Party.REMOTE)).as("the one participant").isEqualTo("bob");
    assertThat(recordings.transcripts().transcript(BOB, id).transcript()).as("a participant sees it").isPresent();
    assertThatThrownBy(() -> recordings.transcripts().transcript(MALLORY, id))
        .isInstanceOf(RecordingNotFoundException.class);
    assertThat(transcribed()).as("one event for both steps").hasSize(1);
    assertThat(transcribed().get(0).body()).contains("\"speakers\":{\"state\":\"ready\"")
        .contains("\"transcript\":{\"state\":\"ready\",\"engine\":\"scripted\",\"cues\":2}");
  }

  @Test
  void aMixedRecordingIsSkippedWithoutRunningTheEngineAndAnUnnamedPartyIsLocalOrRemote() {
    RecordingId id = complete(AudioLayout.MIXED, Set.of());
    runJobs();

    TranscriptView view = recordings.transcripts().transcript(ALICE, id);
    assertThat(view.status()).isEqualTo(new Status(TranscriptState.SKIPPED, Optional.of(Transcript.MIXED_AUDIO)));
    assertThat(view.speaker(Party.REMOTE)).isEqualTo("Remote");
    assertThat(engine.heard()).isEmpty();
    assertThat(transcribed().get(0).body()).contains("\"transcript\":{\"state\":\"skipped\",\"error\":\"mixed_audio\"");
  }

  @Test
  void noAudioFailsWithNoAudioAndOneChannelIsSkipped() {
    speech.answer(0, List.of());
    RecordingId silent = complete(AudioLayout.PER_PARTY, Set.of());
    runJobs();
    speech.answer(1, List.of());
    RecordingId mono = complete(AudioLayout.PER_PARTY, Set.of());
    runJobs();

    assertThat(status(silent)).isEqualTo(new Status(TranscriptState.FAILED, Optional.of(Transcript.NO_AUDIO)));
    assertThat(status(mono)).isEqualTo(new Status(TranscriptState.SKIPPED, Optional.of(Transcript.ONE_CHANNEL)));
    assertThat(((CompletedRecording) repository.find(silent).orElseThrow()).processing().state())
        .as("the video is not touched").isEqualTo(ProcessingState.READY);
  }

  @Test
  void anEngineThatIsDownIsRetriedAsTheJobAndAStepThatWorksOnARetryIsKept() {
    engine.says("local", List.of(new SpokenText(0, 900, "hello")));
    engine.fail(new TranscriptionException(TranscriptionException.Reason.ENGINE_DOWN, "the engine is down"), 1);
    RecordingId id = complete(AudioLayout.PER_PARTY, Set.of());
    runJobs();
    assertThat(status(id).state()).as("waiting for its retry").isEqualTo(TranscriptState.QUEUED);
    assertThat(transcribed()).as("nothing announced before the job is done").isEmpty();
    Instant timelineMade = recordings.speakers().speakers(ALICE, id).timeline().orElseThrow().madeAt();

    runJobsAndRetries();

    assertThat(status(id).state()).isEqualTo(TranscriptState.READY);
    assertThat(recordings.speakers().speakers(ALICE, id).timeline().orElseThrow().madeAt())
        .as("the timeline kept by the first attempt is not found again").isEqualTo(timelineMade);
    assertThat(transcribed()).hasSize(1);
  }

  @Test
  void anEngineDownOnEveryAttemptEndsFailedWithItsReasonAndAnUnsupportedLanguageIsNotRetried() {
    engine.fail(new TranscriptionException(TranscriptionException.Reason.TIMED_OUT, "too slow"), 100);
    RecordingId slow = complete(AudioLayout.PER_PARTY, Set.of());
    runJobsAndRetries();
    int attempts = engine.heard().size();
    engine.fail(new TranscriptionException(TranscriptionException.Reason.LANGUAGE_UNSUPPORTED, "no"), 100);
    RecordingId german = complete(AudioLayout.PER_PARTY, Set.of());
    runJobsAndRetries();

    assertThat(status(slow)).isEqualTo(new Status(TranscriptState.FAILED, Optional.of(Transcript.ENGINE_TIMEOUT)));
    assertThat(attempts).as("one run per attempt").isEqualTo(ATTEMPTS);
    assertThat(status(german)).isEqualTo(new Status(TranscriptState.FAILED,
        Optional.of(Transcript.LANGUAGE_UNSUPPORTED)));
    assertThat(engine.heard().size() - attempts).as("not retried").isEqualTo(1);
    assertThat(((CompletedRecording) repository.find(slow).orElseThrow()).processing().state())
        .isEqualTo(ProcessingState.READY);
  }

  @Test
  void anEngineThatSaysTooMuchIsAnAnswerTooLarge() {
    engine.says("local", java.util.stream.IntStream.range(0, Transcript.MAX_CUES + 1)
        .mapToObj(i -> new SpokenText(i, i + 1, "word")).toList());
    RecordingId id = complete(AudioLayout.PER_PARTY, Set.of());
    runJobsAndRetries();

    assertThat(status(id)).isEqualTo(new Status(TranscriptState.FAILED, Optional.of(Transcript.ANSWER_TOO_LARGE)));
  }

  @Test
  void withoutAnEngineConfiguredEveryCompletedRecordingIsOff() {
    Recordings off = Recordings.builder().repository(repository).storage(storage)
        .ledger(new InMemoryUploadLedger()).clock(clock).build();
    RecordingId id = complete(AudioLayout.PER_PARTY, Set.of());

    assertThat(off.transcripts().status(repository.find(id).orElseThrow()))
        .contains(new Status(TranscriptState.OFF, Optional.empty()));
    assertThat(off.transcriptsEnabled()).isFalse();
  }

  @Test
  void aPageOfRecordingsReadsItsTranscriptsStatusesFromTheStoreOnceNotOncePerRecording() {
    CountingTranscripts counting = new CountingTranscripts(transcripts);
    Recordings listing = Recordings.builder().repository(repository).storage(storage)
        .ledger(new InMemoryUploadLedger()).clock(clock).jobs(queue).media(new FakeMediaProcessor())
        .processing(ProcessingPolicy.on()).workDirectory(work)
        .speakers(new InMemorySpeakerTimelines(repository), Optional.of(speech))
        .transcripts(counting, "scripted", Optional.of(engine), Locale.US).build();
    RecordingId ready = complete(AudioLayout.PER_PARTY, Set.of(BOB));
    RecordingId failed = complete(AudioLayout.PER_PARTY, Set.of(BOB));
    List<RecordingId> waiting = List.of(complete(AudioLayout.PER_PARTY, Set.of()),
        complete(AudioLayout.PER_PARTY, Set.of()), complete(AudioLayout.MIXED, Set.of()));
    RecordingId pending = recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE,
        RoomId.of("room-1"), Optional.of("call.webm"), ContentType.DEFAULT, OptionalLong.of(10), Set.of(),
        AudioLayout.PER_PARTY)).recordingId();
    transcripts.save(ready, Transcript.ready("scripted", List.of(), T0));
    transcripts.save(failed, Transcript.failed("scripted", Transcript.ENGINE_DOWN, T0));

    List<Recording> page = listing.listRecordings().list(new ListRecordingsQuery(ALICE, RecordingFilter.NONE, 50,
        Optional.empty())).recordings().stream().map(RecordingView::recording).toList();
    Map<RecordingId, Status> statuses = listing.transcripts().statuses(page);

    assertThat(page).hasSize(6);
    assertThat(counting.statusesReads).as("one read of the store for the page").isEqualTo(1);
    assertThat(counting.statusReads).as("no read per recording").isZero();
    assertThat(statuses).containsEntry(ready, new Status(TranscriptState.READY, Optional.empty()))
        .containsEntry(failed, new Status(TranscriptState.FAILED, Optional.of(Transcript.ENGINE_DOWN)))
        .doesNotContainKey(pending).hasSize(5);
    waiting.forEach(id -> assertThat(statuses.get(id)).as("as status() tells it").isEqualTo(status(id)));
  }

  /** Counts the reads of a listing's statuses, one at a time and a page at once. */
  private static final class CountingTranscripts implements Transcripts {

    private final Transcripts store;
    private int statusReads;
    private int statusesReads;

    CountingTranscripts(Transcripts store) {
      this.store = store;
    }

    @Override
    public void save(RecordingId id, Transcript transcript) {
      store.save(id, transcript);
    }

    @Override
    public Optional<Transcript> find(RecordingId id) {
      return store.find(id);
    }

    @Override
    public Optional<Transcript> status(RecordingId id) {
      statusReads++;
      return store.status(id);
    }

    @Override
    public Map<RecordingId, Transcript> statuses(Collection<RecordingId> ids) {
      statusesReads++;
      return store.statuses(ids);
    }
  }
}
