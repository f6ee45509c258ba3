package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.EventType;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.JobPolicy;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.Rendition;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.in.ReprocessUseCase;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.MediaProcessor;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.StoredObject;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What happens to a recording after its upload: the state it completes with, the job that
 * completion queues, and that job's work — probe, seekable original, MP4, poster, storyboard — with every
 * failure ending in a state a person can read, never a stuck job.
 *
 * <p>Each step writes a new object and the recording's metadata changes last, so a worker killed
 * at any point leaves the recording as it was (the original, or its seekable copy whose probe
 * equals it), and the next attempt does the work again.
 *
 * <p>A failure leaves a fixed reason and a short description a user may read ({@code not_media:
 * …}); what the engine said, with the paths it ran on, goes to the log with the recording's id.
 */
final class ProcessingService implements ReprocessUseCase {

  private static final System.Logger LOG = System.getLogger(ProcessingService.class.getName());

  /** The longest description a failure shows: a line, not the engine's output. */
  static final int MAX_FAILURE_DESCRIPTION = 200;

  private final RecordingRepository repository;
  private final ObjectStorage storage;
  private final Optional<JobQueue> jobs;
  private final Optional<MediaProcessor> media;
  private final ProcessingPolicy policy;
  /** The job runtime's rules: how long a recording may stay {@code running} follows from its backoff. */
  private final JobPolicy jobPolicy;
  private final Clock clock;
  private final WorkDirectories work;
  private final Set<JobKind> afterReady;
  private final RecordingChanges changes;

  ProcessingService(RecordingRepository repository, ObjectStorage storage, Optional<JobQueue> jobs,
      Optional<MediaProcessor> media, ProcessingPolicy policy, Clock clock, Path workRoot, RecordingChanges changes,
      Set<JobKind> afterReady, JobPolicy jobPolicy) {
    this.jobPolicy = jobPolicy;
    this.changes = changes;
    this.repository = repository;
    this.storage = storage;
    this.jobs = jobs;
    this.media = media;
    this.policy = policy;
    this.clock = clock;
    this.work = new WorkDirectories(workRoot);
    this.afterReady = Set.copyOf(afterReady);
  }

  /** Whether completed recordings get a job: an API without ffmpeg queues them for workers elsewhere. */
  boolean enabled() {
    return policy.enabled() && jobs.isPresent();
  }

  /** Whether this instance can run the jobs. */
  boolean runs() {
    return enabled() && media.isPresent();
  }

  ProcessingPolicy policy() {
    return policy;
  }

  /** The state a recording completes with. */
  Processing atCompletion(Instant now) {
    return enabled() ? Processing.queued(now) : Processing.off(now);
  }

  /**
   * Queues the job of a recording that completed {@code queued}. If the process dies before this,
   * the recording stays {@code queued} and the sweep queues it again ({@link #requeueStalled}).
   */
  void enqueue(CompletedRecording completed, Instant now) {
    if (completed.processing().state() == ProcessingState.QUEUED) {
      jobs.orElseThrow().enqueue(JobKind.PROCESS_RECORDING, completed.id().toString(), now);
    }
  }

  @Override
  public CompletedRecording reprocess(RecordingId id) {
    if (!enabled()) {
      throw new ConflictException("processing is off on this server; enable it (recording.processing.enabled) first");
    }
    Instant now = clock.instant();
    Recording recording = repository.find(id).orElseThrow(() -> new RecordingNotFoundException(id));
    if (!(recording instanceof CompletedRecording completed)) {
      throw new ConflictException("recording " + id + " is " + recording.status() + "; only a completed recording "
          + "is processed");
    }
    CompletedRecording queued = completed.withProcessing(completed.processing().requeued(now));
    repository.replace(queued, RecordingStatus.COMPLETED);
    enqueue(queued, now);
    return queued;
  }

  /**
   * Recordings still {@code queued} long after they were (their job was lost) are queued again;
   * those {@code running} for longer than every attempt the queue allows are failed. Answers how
   * many were queued again.
   */
  int requeueStalled(Instant now) {
    if (!enabled()) {
      return 0;
    }
    Instant giveUpBefore = now.minus(jobPolicy.giveUpAfter(JobKind.PROCESS_RECORDING, policy.attemptLimit(),
        jobs.orElseThrow().maxAttempts()));
    int requeued = 0;
    for (CompletedRecording stalled : repository.findStalledProcessing(now.minus(policy.requeueAfter()),
        RecordingRemoval.SWEEP_BATCH)) {
      Processing processing = stalled.processing();
      try {
        if (processing.state() == ProcessingState.RUNNING && processing.since().isBefore(giveUpBefore)) {
          changes.replace(stalled.withProcessing(processing.failed(now,
              failure("stalled", "processing did not finish: every attempt stopped before it was done"))), RecordingStatus.COMPLETED,
              EventType.RECORDING_PROCESSING_FAILED, now);
        } else if (processing.state() == ProcessingState.QUEUED) {
          CompletedRecording again = stalled.withProcessing(processing.requeued(now));
          repository.replace(again, RecordingStatus.COMPLETED);
          enqueue(again, now);
          requeued++;
        }
      } catch (ConflictException goneMeanwhile) {
        // Deleted or expired while the sweep looked: nothing is left to process.
      }
    }
    return requeued;
  }

  /**
   * One attempt at the job of recording {@code subject}. Answers empty when the job is done (the
   * recording is ready, its file cannot be processed, or it is gone), or the reason of a failure
   * that trying again may cure. On the {@code last} attempt such a failure fails the recording
   * too, and the queue lists the job as dead.
   */
  Optional<String> run(String subject, boolean last) {
    Optional<RecordingId> id = parse(subject);
    Optional<Recording> found = id.flatMap(repository::find);
    if (found.isEmpty() || !(found.get() instanceof CompletedRecording completed)
        || !completed.processing().state().isPending()) {
      return Optional.empty();
    }
    if (media.isEmpty()) {
      // A worker that only delivers events (processing off here) leaves the recording queued: the
      // sweep of an instance with processing on queues it again.
      return Optional.empty();
    }
    Instant started = clock.instant();
    CompletedRecording running = completed.withProcessing(completed.processing().running(started));
    try {
      repository.replace(running, RecordingStatus.COMPLETED);
    } catch (ConflictException goneMeanwhile) {
      return Optional.empty();
    }
    try {
      finish(running, work(running));
      return Optional.empty();
    } catch (MediaProcessingException e) {
      LOG.log(System.Logger.Level.WARNING, "processing of recording " + running.id() + " failed (" + e.reason().code()
          + "): " + e.getMessage() + e.detail().map(detail -> "\n" + detail).orElse(""));
      return failed(running, failure(e.reason().code(), e.getMessage()), e.reason().retryable(), last);
    } catch (StorageUnavailableException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.WARNING, "processing of recording " + running.id() + " could not reach storage", e);
      return failed(running, failure("storage_unavailable", "storage was not reachable"), true, last);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "processing of recording " + running.id() + " failed unexpectedly", e);
      return failed(running, failure("failed", "processing failed unexpectedly"), true, last);
    }
  }

  /** A recording's {@code processing_error}: the fixed reason, then one short line. */
  static String failure(String code, String description) {
    String line = description.strip().replaceAll("\\s+", " ");
    return code + ": " + (line.length() > MAX_FAILURE_DESCRIPTION ? line.substring(0, MAX_FAILURE_DESCRIPTION - 1)
        + "…" : line);
  }

  private Optional<String> failed(CompletedRecording running, String reason, boolean retryable, boolean last) {
    Instant now = clock.instant();
    boolean again = retryable && !last;
    Processing next = again ? running.processing().requeued(now) : running.processing().failed(now, reason);
    try {
      if (again) {
        repository.replace(running.withProcessing(next), RecordingStatus.COMPLETED);
      } else {
        changes.replace(running.withProcessing(next), RecordingStatus.COMPLETED, EventType.RECORDING_PROCESSING_FAILED,
            now);
      }
    } catch (ConflictException goneMeanwhile) {
      return Optional.empty();
    } catch (StorageUnavailableException e) {
      // The state cannot be written now; the queue brings the job back and the next attempt writes it.
      return Optional.of(reason);
    }
    return retryable ? Optional.of(reason) : Optional.empty();
  }

  /** The new objects and what they say, before the metadata knows of them. */
  private record Made(CompletedRecording recording, List<ObjectKey> written) {}

  private Made work(CompletedRecording recording) {
    MediaProcessor engine = media.orElseThrow();
    Path dir = work.create("processing", recording.id());
    try {
      ObjectKey key = recording.details().objectKey();
      ContentType type = recording.details().contentType();
      Path original = dir.resolve("original." + type.extension());
      if (storage.read(key, original).isEmpty()) {
        throw new MediaProcessingException(MediaProcessingException.Reason.NOT_MEDIA,
            "the recording's file is no longer in storage");
      }
      Duration longest = longest(recording);
      MediaInfo info = engine.probe(original, type, longest);
      if (info.duration().compareTo(longest) > 0) {
        throw new MediaProcessingException(MediaProcessingException.Reason.TOO_LONG, "the recording runs longer than "
            + longest.toMinutes() + " minutes, the longest processed here");
      }
      List<ObjectKey> written = new ArrayList<>();
      Path source = original;
      long size = recording.storedSize();
      Optional<String> sha256 = recording.sha256();
      try {
        Path seekable = dir.resolve("seekable." + type.extension());
        engine.remuxSeekable(original, info, type, seekable);
        StoredObject stored = storage.write(key, type, seekable);
        written.add(key);
        source = seekable;
        size = stored.size();
        sha256 = stored.sha256();
      } catch (MediaProcessingException e) {
        if (e.reason() != MediaProcessingException.Reason.MISMATCH) {
          throw e;
        }
        // The copy did not probe equal: the original stays as it was uploaded.
      }
      Optional<Rendition> mp4 = Optional.empty();
      Optional<Rendition> poster = Optional.empty();
      Optional<Rendition> storyboard = Optional.empty();
      OptionalInt width = OptionalInt.empty();
      OptionalInt height = OptionalInt.empty();
      if (info.video().isPresent()) {
        width = OptionalInt.of(info.video().get().width());
        height = OptionalInt.of(info.video().get().height());
        if (policy.mp4() && !type.mediaType().equals(ContentType.MP4.mediaType())) {
          Path out = dir.resolve("rendition.mp4");
          engine.transcodeMp4(source, type, info, recording.details().audioLayout(), out);
          mp4 = Optional.of(store(key.mp4Rendition(), ContentType.MP4, out, written));
        }
        Path jpeg = dir.resolve("thumbnail.jpg");
        engine.thumbnail(source, type, info, policy.thumbnailWidth(), jpeg);
        poster = Optional.of(store(key.thumbnail(), ContentType.JPEG, jpeg, written));
        storyboard = storyboard(engine, recording, source, type, info, dir, written);
      }
      Processing ready = recording.processing().ready(clock.instant(), width, height, mp4, poster)
          .withStoryboard(storyboard);
      return new Made(recording.processed(size, sha256, info.duration(), ready), written);
    } finally {
      WorkDirectories.deleteQuietly(dir);
    }
  }

  /**
   * The scrubbing previews: the sprite and its track stored next to the recording, the track
   * first so a sprite on record always has one. Optional: an engine that cannot make them is
   * logged and the recording is ready without them; storage that fails is storage failing.
   */
  private Optional<Rendition> storyboard(MediaProcessor engine, CompletedRecording recording, Path source,
      ContentType type, MediaInfo info, Path dir, List<ObjectKey> written) {
    ObjectKey key = recording.details().objectKey();
    Path sprite = dir.resolve("storyboard.jpg");
    Path track = dir.resolve("storyboard.vtt");
    try {
      engine.storyboard(source, type, info, sprite, track);
    } catch (MediaProcessingException e) {
      LOG.log(System.Logger.Level.WARNING, "recording " + recording.id() + " has no storyboard (" + e.reason().code()
          + "): " + e.getMessage());
      return Optional.empty();
    }
    store(key.storyboardTrack(), ContentType.VTT, track, written);
    return Optional.of(store(key.storyboard(), ContentType.JPEG, sprite, written));
  }

  /**
   * The longest a recording may play: the configured longest call, and never longer than the
   * recording lives (its retention), which also keeps every store's duration in range.
   */
  private Duration longest(CompletedRecording recording) {
    Duration lives = Duration.between(recording.details().createdAt(), recording.details().expiresAt());
    return lives.compareTo(policy.maxDuration()) < 0 ? lives : policy.maxDuration();
  }

  private Rendition store(ObjectKey key, ContentType type, Path file, List<ObjectKey> written) {
    StoredObject stored = storage.write(key, type, file);
    written.add(key);
    return new Rendition(key, stored.size());
  }

  /**
   * Records the result, then queues the steps that work on a ready recording ({@code afterReady},
   * e.g. the speaker timeline), so none of them delays it. A recording deleted while its job ran
   * must not come back as files: what this run wrote is removed again (the original too, which
   * the deletion removed before). A process that dies between the two leaves the recording ready
   * without those steps; a reprocess queues them again.
   */
  private void finish(CompletedRecording running, Made made) {
    try {
      changes.replace(made.recording(), RecordingStatus.COMPLETED, EventType.RECORDING_READY, clock.instant());
    } catch (ConflictException goneMeanwhile) {
      if (repository.find(running.id()).isEmpty()) {
        made.written().forEach(storage::delete);
      }
      return;
    }
    Instant now = clock.instant();
    for (JobKind next : afterReady) {
      jobs.orElseThrow().enqueue(next, running.id().toString(), now);
    }
  }

  static Optional<RecordingId> parse(String subject) {
    try {
      return Optional.of(RecordingId.parse(subject));
    } catch (RuntimeException notAnId) {
      return Optional.empty();
    }
  }
}
