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
 * failure is kept as a failed timeline. Nothing here touches the recording's processing.
 */
final class SpeakerService implements SpeakersUseCase {

  private static final System.Logger LOG = System.getLogger(SpeakerService.class.getName());

  private final RecordingRepository repository;
  private final ObjectStorage storage;
  private final SpeakerTimelines timelines;
  private final Optional<SpeechActivity> engine;
  private final Optional<EventOutbox> outbox;
  private final JobBell bell;
  private final RecordingAccess access;
  private final Clock clock;
  private final WorkDirectories work;

  SpeakerService(RecordingRepository repository, ObjectStorage storage, SpeakerTimelines timelines,
      Optional<SpeechActivity> engine, Optional<EventOutbox> outbox, JobBell bell, Clock clock, Path workRoot) {
    this.repository = repository;
    this.storage = storage;
    this.timelines = timelines;
    this.engine = engine;
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
   * {@code last} attempt's failure is kept as a failed timeline.
   */
  Optional<String> run(String subject, boolean last) {
    Optional<CompletedRecording> found = ProcessingService.parse(subject).flatMap(repository::find)
        .filter(CompletedRecording.class::isInstance).map(CompletedRecording.class::cast)
        .filter(r -> r.processing().state() == ProcessingState.READY);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    CompletedRecording recording = found.get();
    SpeakerTimeline timeline;
    try {
      timeline = find(recording);
    } catch (MediaProcessingException e) {
      LOG.log(System.Logger.Level.WARNING, "finding the speakers of recording " + recording.id() + " failed ("
          + e.reason().code() + "): " + e.getMessage() + e.detail().map(detail -> "\n" + detail).orElse(""));
      String reason = ProcessingService.failure(e.reason().code(), e.getMessage());
      if (e.reason().retryable() && !last) {
        return Optional.of(reason);
      }
      timeline = SpeakerTimeline.failed(reason, clock.instant());
    } catch (StorageUnavailableException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.WARNING, "finding the speakers of recording " + recording.id()
          + " could not reach storage", e);
      return Optional.of("storage_unavailable: storage was not reachable");
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "finding the speakers of recording " + recording.id()
          + " failed unexpectedly", e);
      if (!last) {
        return Optional.of("failed: finding the speakers failed unexpectedly");
      }
      timeline = SpeakerTimeline.failed("failed: finding the speakers failed unexpectedly", clock.instant());
    }
    keep(recording, timeline);
    return Optional.empty();
  }

  private SpeakerTimeline find(CompletedRecording recording) {
    if (recording.details().audioLayout() == AudioLayout.MIXED) {
      return SpeakerTimeline.unavailable(SpeakerTimeline.MIXED_AUDIO, clock.instant());
    }
    // A worker without ffmpeg (one that only delivers events) hands the job on to one that has it.
    SpeechActivity speech = engine.orElseThrow(() -> new MediaProcessingException(
        MediaProcessingException.Reason.ENGINE_MISSING, "no speech engine on this worker"));
    Path dir = work.create("speakers", recording.id());
    try {
      ContentType type = recording.details().contentType();
      Path original = dir.resolve("original." + type.extension());
      if (storage.read(recording.details().objectKey(), original).isEmpty()) {
        throw new MediaProcessingException(MediaProcessingException.Reason.NOT_MEDIA,
            "the recording's file is no longer in storage");
      }
      int channels = speech.audioChannels(original, type);
      if (channels == 0) {
        return SpeakerTimeline.unavailable(SpeakerTimeline.NO_AUDIO, clock.instant());
      }
      if (channels == 1) {
        return SpeakerTimeline.unavailable(SpeakerTimeline.ONE_CHANNEL, clock.instant());
      }
      // Processing probed the packets of this very file (the seekable copy); the client's word otherwise.
      Duration duration = recording.duration().orElse(Duration.ZERO);
      return SpeakerTimeline.ready(speech.speaking(original, type, duration, SpeakerTimeline.MAX_SEGMENTS),
          clock.instant());
    } finally {
      WorkDirectories.deleteQuietly(dir);
    }
  }

  /**
   * The timeline first, then its event: a crash between them leaves the job to run again, which
   * keeps the same timeline and sends the event (at least once, as every event).
   */
  private void keep(CompletedRecording recording, SpeakerTimeline timeline) {
    timelines.save(recording.id(), timeline);
    if (outbox.isPresent() && timeline.state() != SpeakersState.FAILED) {
      Instant now = clock.instant();
      outbox.get().publish(EventPayloads.transcribed(recording, timeline, now));
      bell.ring();
    }
  }
}
