package io.chatvideo.recording.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import io.chatvideo.recording.core.domain.Party;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.RecordingEvent;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.domain.SpeakersState;
import io.chatvideo.recording.core.domain.SpeechSegment;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.in.SpeakersUseCase.Speakers;
import io.chatvideo.recording.core.testing.FakeMediaProcessor;
import io.chatvideo.recording.core.testing.InMemoryEventOutbox;
import io.chatvideo.recording.core.testing.InMemoryJobQueue;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.InMemorySpeakerTimelines;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import io.chatvideo.recording.core.testing.InMemoryWebhookEndpoints;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.core.testing.ScriptedSpeechActivity;
import io.chatvideo.recording.core.testing.ScriptedWebhookSender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The speaker timeline step after processing, over in-memory adapters and a scripted speech engine. */
class SpeakersTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final UserId MALLORY = UserId.of("mallory@example.com");
  private static final int ATTEMPTS = 3;

  @TempDir
  Path work;

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryRecordingRepository repository = new InMemoryRecordingRepository();
  private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
  private final InMemoryJobQueue queue = new InMemoryJobQueue(ATTEMPTS);
  private final InMemoryEventOutbox outbox = new InMemoryEventOutbox(repository, queue);
  private final InMemorySpeakerTimelines timelines = new InMemorySpeakerTimelines(repository);
  private final ScriptedSpeechActivity speech = new ScriptedSpeechActivity();
  private Recordings recordings;

  @BeforeEach
  void wire() {
    recordings = Recordings.builder().repository(repository).storage(storage)
      .ledger(new InMemoryUploadLedger()).clock(clock).jobs(queue).media(new FakeMediaProcessor())
      .processing(ProcessingPolicy.on()).workDirectory(work)
      .events(outbox, new InMemoryWebhookEndpoints(), new ScriptedWebhookSender())
      .speakers(timelines, Optional.of(speech)).build();
  }

  private RecordingId complete(AudioLayout layout) {
    byte[] bytes = "MEDIA call".getBytes(StandardCharsets.UTF_8);
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE,
        RoomId.of("room-1"), Optional.of("call.webm"), ContentType.DEFAULT, OptionalLong.of(bytes.length), Set.of(),
        layout));
    storage.put(ticket.objectKey(), bytes);
    recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(), Optional.empty(),
        Optional.empty()));
    return ticket.recordingId();
  }

  /** Runs jobs (processing, speakers, publishing) until none is due. */
  private void runJobs() {
    while (recordings.jobs().runNext()) {
      clock.advance(Duration.ofMillis(10));
    }
  }

  private List<RecordingEvent> events(EventType type) {
    return outbox.events().stream().filter(e -> e.type() == type).toList();
  }

  @Test
  void aPerPartyRecordingGetsItsTimelineAfterItIsReadyAndATranscribedEventSaysWhoSpokeWhen() {
    speech.answer(2, List.of(new SpeechSegment(Party.LOCAL, 0, 1_500), new SpeechSegment(Party.REMOTE, 2_000, 3_000)));
    RecordingId id = complete(AudioLayout.PER_PARTY);
    assertThat(recordings.speakers().speakers(ALICE, id).state()).isEqualTo("pending");

    while (((CompletedRecording) repository.find(id).orElseThrow()).processing().state() != ProcessingState.READY) {
      assertThat(recordings.jobs().runNext()).as("processing runs").isTrue();
    }
    assertThat(speech.runs()).as("the video is ready before anyone looked for speakers").isZero();
    runJobs();

    Speakers speakers = recordings.speakers().speakers(ALICE, id);
    assertThat(speakers.state()).isEqualTo("ready");
    assertThat(speakers.audioLayout()).isEqualTo(AudioLayout.PER_PARTY);
    SpeakerTimeline timeline = speakers.timeline().orElseThrow();
    assertThat(timeline.talkMs(Party.LOCAL)).isEqualTo(1_500);
    assertThat(timeline.talkMs(Party.REMOTE)).isEqualTo(1_000);
    List<RecordingEvent> transcribed = events(EventType.RECORDING_TRANSCRIBED);
    assertThat(transcribed).hasSize(1);
    assertThat(transcribed.get(0).body()).contains("\"type\":\"recording.transcribed\"")
        .contains("\"audio_layout\":\"per_party\"")
        .contains("\"speakers\":{\"state\":\"ready\",\"talk_ms\":{\"local\":1500,\"remote\":1000},"
            + "\"segments\":[{\"party\":\"local\",\"start_ms\":0,\"end_ms\":1500},"
            + "{\"party\":\"remote\",\"start_ms\":2000,\"end_ms\":3000}]}");
  }

  @Test
  void aMixedRecordingSaysItCannotTellWithoutRunningTheEngine() {
    RecordingId id = complete(AudioLayout.MIXED);
    runJobs();

    Speakers speakers = recordings.speakers().speakers(ALICE, id);
    assertThat(speakers.state()).isEqualTo("unavailable");
    assertThat(speakers.timeline().orElseThrow().reason()).contains(SpeakerTimeline.MIXED_AUDIO);
    assertThat(speech.runs()).isZero();
    assertThat(events(EventType.RECORDING_TRANSCRIBED).get(0).body())
        .contains("\"speakers\":{\"state\":\"unavailable\",\"reason\":\"mixed_audio\"");
  }

  @Test
  void aPerPartyUploadWhoseFileHasOneChannelSaysSo() {
    speech.answer(1, List.of());
    RecordingId id = complete(AudioLayout.PER_PARTY);
    runJobs();

    assertThat(recordings.speakers().speakers(ALICE, id).timeline().orElseThrow().reason())
        .contains(SpeakerTimeline.ONE_CHANNEL);
  }

  @Test
  void aFailingEngineIsRetriedThenKeptFailedWithoutTouchingTheVideo() {
    speech.fail(new MediaProcessingException(Reason.FAILED, "the engine stopped"));
    RecordingId id = complete(AudioLayout.PER_PARTY);
    for (int i = 0; i < 20; i++) {
      runJobs();
      clock.advance(Duration.ofHours(1));
    }

    assertThat(speech.runs()).isEqualTo(ATTEMPTS);
    SpeakerTimeline failed = recordings.speakers().speakers(ALICE, id).timeline().orElseThrow();
    assertThat(failed.state()).isEqualTo(SpeakersState.FAILED);
    assertThat(failed.reason()).contains("failed: the engine stopped");
    assertThat(((CompletedRecording) repository.find(id).orElseThrow()).processing().state())
        .isEqualTo(ProcessingState.READY);
    assertThat(events(EventType.RECORDING_TRANSCRIBED)).isEmpty();
  }

  @Test
  void someoneElsesRecordingIsNotFoundAndAGoneOneHasNoTimeline() {
    RecordingId id = complete(AudioLayout.PER_PARTY);
    assertThatThrownBy(() -> recordings.speakers().speakers(MALLORY, id)).isInstanceOf(RecordingNotFoundException.class);

    recordings.deleteRecording().delete(ALICE, id);
    runJobs();
    assertThat(timelines.find(id)).isEmpty();
    assertThat(speech.runs()).isZero();
  }

  @Test
  void anUnknownLayoutIsRefusedNamingTheField() {
    assertThatThrownBy(() -> AudioLayout.parse(Optional.of("stereo")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("audio_layout: must be one of per_party, mixed, not 'stereo'");
    assertThat(AudioLayout.parse(Optional.empty())).isEqualTo(AudioLayout.MIXED);
  }
}
