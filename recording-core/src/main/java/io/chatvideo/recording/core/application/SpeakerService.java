package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.SpeakerTimeline;
import io.chatvideo.recording.core.domain.SpeakersState;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.domain.TranscriptState;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.SpeakersUseCase;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.SharedRecording;
import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import io.chatvideo.recording.core.port.out.SpeechActivity;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The speaker timeline: a job after processing ({@code FIND_SPEAKERS}, queued once the recording
 * is ready, so the video never waits for it) reads the stored original, finds each party's
 * speech on its own channel, keeps the timeline beside the recording and announces it with a
 * {@code recording.transcribed} event. A recording whose audio is mixed, missing or one channel
 * gets a timeline that says it cannot tell; an engine that fails is retried as a job, and its last
 * failure is kept as a failed timeline. The same job then makes the transcript ({@link
 * TranscriptService}) from the same downloaded original, and one event announces both. Nothing
 * here touches the recording's processing.
 */
final class SpeakerService implements SpeakersUseCase {

  private static final System.Logger LOG = System.getLogger(SpeakerService.class.getName());

  private final RecordingRepository repository;
  private final ObjectStorage storage;
  private final SpeakerTimelines timelines;
  private final Optional<SpeechActivity> engine;
  private final Optional<TranscriptService> transcription;
  private final Optional<EventOutbox> outbox;
  private final JobBell bell;
  private final RecordingAccess access;
  private final Clock clock;
  private final WorkDirectories work;

  SpeakerService(RecordingRepository repository, ObjectStorage storage, SpeakerTimelines timelines,
      Optional<SpeechActivity> engine, Optional<TranscriptService> transcription, Optional<EventOutbox> outbox,
      JobBell bell, Clock clock, Path workRoot) {
    this.repository = repository;
    this.storage = storage;
    this.timelines = timelines;
    this.engine = engine;
    this.transcription = transcription;
    this.outbox = outbox;
    this.bell = bell;
    this.access = new RecordingAccess(repository);
    this.clock = clock;
    this.work = new WorkDirectories(workRoot);
  }

  @Override
  public Speakers speakers(UserId caller, RecordingId id) {
    Recording recording = access.visible(caller, id, clock.instant());
    return new Speakers(id, recording.details().audioLayout(), timelines.find(id));
  }

  @Override
  public Speakers speakers(SharedRecording shared) {
    RecordingId id = shared.recording().id();
    return new Speakers(id, shared.recording().details().audioLayout(), timelines.find(id));
  }

  /**
   * One attempt at the job of recording {@code subject}: empty when done (kept, or nothing to do:
   * the recording is gone or not ready), else the reason of a failure the queue retries. The
   * {@code last} attempt's failure is kept as a failed timeline (or transcript). A timeline kept by
   * an earlier attempt is not found again when only the transcript is left to do.
   */
  Optional<String> run(String subject, boolean last) {
    Optional<CompletedRecording> found = ProcessingService.parse(subject).flatMap(repository::find)
        .filter(CompletedRecording.class::isInstance).map(CompletedRecording.class::cast)
        .filter(r -> r.processing().state() == ProcessingState.READY);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CompletedRecording recording = found.get();
    Path dir = work.create("speakers", recording.id());
    try {
      Original original = new Original(recording, dir);
      Optional<SpeakerTimeline> timeline = timelines.find(recording.id())
          .filter(kept -> kept.state() != SpeakersState.FAILED || last);
      if (timeline.isEmpty()) {
        Optional<String> retry = attempt(recording, original, last);
        if (retry.isPresent()) {
          return retry;
        }
        timeline = timelines.find(recording.id());
      }
      Optional<Transcript> transcript = Optional.empty();
      if (transcription.isPresent() && transcription.get().pending(recording.id())) {
        transcript = transcription.get().run(recording, original::file, original::channels, dir, last);
        if (transcript.isEmpty()) {
          return Optional.of("transcription failed, to be tried again");
        }
      }
      announce(recording, timeline, transcript);
      return Optional.empty();
    } catch (StorageUnavailableException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.WARNING, "the speaker job of recording " + recording.id()
          + " could not reach storage", e);
      return Optional.of("storage_unavailable: storage was not reachable");
    } finally {
      WorkDirectories.deleteQuietly(dir);
    }
  }

  /** Finds and keeps the timeline; the reason to retry when it failed in a way a retry may help. */
  private Optional<String> attempt(CompletedRecording recording, Original original, boolean last) {
    SpeakerTimeline timeline;
    try {
      timeline = find(recording, original);
    } catch (MediaProcessingException e) {
      LOG.log(System.Logger.Level.WARNING, "finding the speakers of recording " + recording.id() + " failed ("
          + e.reason().code() + "): " + e.getMessage() + e.detail().map(detail -> "\n" + detail).orElse(""));
      String reason = ProcessingService.failure(e.reason().code(), e.getMessage());
      if (e.reason().retryable() && !last) {
        return Optional.of(reason);
      }
      timeline = SpeakerTimeline.failed(reason, clock.instant());
    } catch (StorageUnavailableException | UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "finding the speakers of recording " + recording.id()
          + " failed unexpectedly", e);
      if (!last) {
        return Optional.of("failed: finding the speakers failed unexpectedly");
      }
      timeline = SpeakerTimeline.failed("failed: finding the speakers failed unexpectedly", clock.instant());
    }
    timelines.save(recording.id(), timeline);
    return Optional.empty();
  }

  private SpeakerTimeline find(CompletedRecording recording, Original original) {
    if (recording.details().audioLayout() == AudioLayout.MIXED) {
      return SpeakerTimeline.unavailable(SpeakerTimeline.MIXED_AUDIO, clock.instant());
    }
    SpeechActivity speech = speech();
    int channels = original.channels();
    if (channels == 0) {
      return SpeakerTimeline.unavailable(SpeakerTimeline.NO_AUDIO, clock.instant());
    }
    if (channels == 1) {
      return SpeakerTimeline.unavailable(SpeakerTimeline.ONE_CHANNEL, clock.instant());
    }
    // Processing probed the packets of this very file (the seekable copy); the client's word otherwise.
    Duration duration = recording.duration().orElse(Duration.ZERO);
    return SpeakerTimeline.ready(speech.speaking(original.file(), recording.details().contentType(), duration,
        SpeakerTimeline.MAX_SEGMENTS), clock.instant());
  }

  /** A worker without ffmpeg (one that only delivers events) hands the job on to one that has it. */
  private SpeechActivity speech() {
    return engine.orElseThrow(() -> new MediaProcessingException(
        MediaProcessingException.Reason.ENGINE_MISSING, "no speech engine on this worker"));
  }

  /** The recording's original, fetched from storage on first use and read by both steps. */
  private final class Original {

    private final CompletedRecording recording;
    private final Path dir;
    private Path file;
    private Integer channels;

    Original(CompletedRecording recording, Path dir) {
      this.recording = recording;
      this.dir = dir;
    }

    Path file() {
      if (file == null) {
        ContentType type = recording.details().contentType();
        Path into = dir.resolve("original." + type.extension());
        if (storage.read(recording.details().objectKey(), into).isEmpty()) {
          throw new MediaProcessingException(MediaProcessingException.Reason.NOT_MEDIA,
              "the recording's file is no longer in storage");
        }
        file = into;
      }
      return file;
    }

    int channels() {
      if (channels == null) {
        channels = speech().audioChannels(file(), recording.details().contentType());
      }
      return channels;
    }
  }

  /**
   * One {@code recording.transcribed} when the job is done, with both the timeline and the
   * transcript state (the steps share a job, so neither is announced twice): after both are kept,
   * so a crash between them leaves the job to run again, which sends the event (at least once, as
   * every event). Nothing is announced when nothing came of either.
   */
  private void announce(CompletedRecording recording, Optional<SpeakerTimeline> timeline,
      Optional<Transcript> transcript) {
    boolean timelineMade = timeline.isPresent() && timeline.get().state() != SpeakersState.FAILED;
    boolean transcriptMade = transcript.isPresent() && transcript.get().state() != TranscriptState.FAILED;
    if (outbox.isPresent() && timeline.isPresent() && (timelineMade || transcriptMade)) {
      Instant now = clock.instant();
      outbox.get().publish(EventPayloads.transcribed(recording, timeline.get(), transcript, now));
      bell.ring();
    }
  }
}
