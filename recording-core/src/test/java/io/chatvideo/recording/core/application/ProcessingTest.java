package io.chatvideo.recording.core.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.JobKind;
import io.chatvideo.recording.core.domain.MediaInfo;
import io.chatvideo.recording.core.domain.MediaProcessingException;
import io.chatvideo.recording.core.domain.Rendition;
import io.chatvideo.recording.core.domain.MediaProcessingException.Reason;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.JobPolicy;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.RetentionPolicy;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.RecordingView;
import io.chatvideo.recording.core.port.in.RecordingView.RenditionView;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import io.chatvideo.recording.core.testing.FakeMediaProcessor;
import io.chatvideo.recording.core.testing.InMemoryJobQueue;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processing pipeline over in-memory adapters, a scripted media engine and a clock the test moves. */
class ProcessingTest {

  private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");
  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final int ATTEMPTS = 3;

  @TempDir
  Path work;

  private final MutableClock clock = new MutableClock(T0);
  private final InMemoryRecordingRepository repository = new InMemoryRecordingRepository();
  private final InMemoryObjectStorage storage = new InMemoryObjectStorage(clock);
  private final InMemoryJobQueue queue = new InMemoryJobQueue(ATTEMPTS);
  private final FakeMediaProcessor media = new FakeMediaProcessor();
  private final ProcessingPolicy policy = ProcessingPolicy.on();
  /** The job runtime's rules the recordings are built with (the builder's default). */
  private static final JobPolicy JOBS = JobPolicy.defaults();

  private Recordings recordings(ProcessingPolicy processing) {
    return Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger()).clock(clock)
        .jobs(queue).media(media).processing(processing).workDirectory(work).build();
  }

  private RecordingId complete(Recordings recordings, String content) {
    return CompletedUpload.complete(recordings, storage, ALICE, "call.webm", content);
  }

  private CompletedRecording stored(RecordingId id) {
    return (CompletedRecording) repository.find(id).orElseThrow();
  }

  private String object(ObjectKey key) {
    return new String(storage.object(key).orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void aCompletedRecordingIsQueuedAndTheWorkerMakesItReady() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.QUEUED);

    clock.advance(Duration.ofSeconds(5));
    assertThat(recordings.jobs().runNext()).isTrue();

    CompletedRecording ready = stored(id);
    ObjectKey key = ready.details().objectKey();
    assertThat(ready.processing().state()).isEqualTo(ProcessingState.READY);
    assertThat(ready.processing().since()).isEqualTo(T0.plusSeconds(5));
    assertThat(ready.duration()).contains(Duration.ofMillis(3_210));
    assertThat(ready.processing().width()).hasValue(1280);
    assertThat(ready.processing().height()).hasValue(720);
    assertThat(object(key)).isEqualTo("MEDIA seekable call");
    assertThat(ready.storedSize()).isEqualTo("MEDIA seekable call".length());
    assertThat(object(key.mp4Rendition())).isEqualTo("mp4 of MEDIA seekable call");
    assertThat(object(key.thumbnail())).isEqualTo("jpeg 640 of MEDIA seekable call");
    assertThat(object(key.storyboard())).isEqualTo("sprite of MEDIA seekable call");
    assertThat(object(key.storyboardTrack())).isEqualTo("WEBVTT track of MEDIA seekable call");
    assertThat(ready.processing().storyboard()).contains(new Rendition(key.storyboard(),
        "sprite of MEDIA seekable call".length()));
    assertThat(ready.processing().mp4().orElseThrow().size()).isEqualTo("mp4 of MEDIA seekable call".length());
    assertThat(recordings.jobs().runNext()).as("the one job is done").isFalse();
    try (Stream<Path> left = listed(work)) {
      assertThat(left).as("work files are removed").isEmpty();
    }

    RecordingView view = recordings.getRecording().get(ALICE, id);
    assertThat(view.renditions()).extracting(RenditionView::format).containsExactly("webm", "mp4");
    assertThat(view.renditions().get(1).contentType()).isEqualTo(ContentType.MP4);
    assertThat(view.renditions().get(1).download().url().toString()).contains(key.mp4Rendition().value());
    assertThat(view.thumbnail().orElseThrow().url().toString()).contains(key.thumbnail().value());
  }

  @Test
  void aJobDeliveredTwiceHasOneEffect() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    queue.enqueue(JobKind.PROCESS_RECORDING, id.toString(), clock.instant());
    recordings.jobs().runNext();
    int calls = media.calls().size();
    Processing first = stored(id).processing();

    clock.advance(Duration.ofMinutes(1));
    assertThat(recordings.jobs().runNext()).isTrue();

    assertThat(media.calls()).hasSize(calls);
    assertThat(stored(id).processing()).isEqualTo(first);
    assertThat(queue.dead(10)).isEmpty();
  }

  @Test
  void aFileThatIsNotMediaFailsWithAReasonAndKeepsTheOriginal() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "just some text");

    recordings.jobs().runNext();

    CompletedRecording failed = stored(id);
    assertThat(failed.processing().state()).isEqualTo(ProcessingState.FAILED);
    assertThat(failed.processing().failure()).contains("not_media: not a media file");
    assertThat(object(failed.details().objectKey())).isEqualTo("just some text");
    assertThat(recordings.getRecording().get(ALICE, id).download()).as("the original stays downloadable").isPresent();
    assertThat(recordings.jobs().runNext()).as("a bad file is not retried").isFalse();
    assertThat(queue.dead(10)).isEmpty();
  }

  @Test
  void theEngineReadsTheFileAsItsDeclaredTypeAndNoLongerThanTheLongestCallProcessed() {
    Recordings recordings = recordings(policy);
    complete(recordings, "MEDIA call");

    recordings.jobs().runNext();

    assertThat(media.probes()).containsExactly(new FakeMediaProcessor.Probe(ContentType.DEFAULT,
        ProcessingPolicy.DEFAULT_MAX_DURATION));
  }

  @Test
  void noRecordingIsProcessedLongerThanItLives() {
    Recordings recordings = Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger())
        .clock(clock).jobs(queue)
        .media(media).processing(policy).workDirectory(work).retention(new RetentionPolicy(Duration.ofHours(2)))
        .build();
    complete(recordings, "MEDIA call");

    recordings.jobs().runNext();

    assertThat(media.probes()).extracting(FakeMediaProcessor.Probe::longest).containsExactly(Duration.ofHours(2));
  }

  @Test
  void aProbeLongerThanTheLongestCallFailsTooLongAndNothingIsMade() {
    Recordings recordings = recordings(new ProcessingPolicy(true, true, 640, policy.attemptLimit(),
        policy.requeueAfter(), Duration.ofHours(1)));
    RecordingId id = complete(recordings, "MEDIA call");
    media.answer(new MediaInfo(Duration.ofHours(1).plusMillis(1), FakeMediaProcessor.INFO.video(),
        FakeMediaProcessor.INFO.audio()));

    recordings.jobs().runNext();

    CompletedRecording failed = stored(id);
    assertThat(failed.processing().failure().orElseThrow()).startsWith("too_long: ");
    assertThat(media.calls()).containsExactly("probe");
    assertThat(object(failed.details().objectKey())).isEqualTo("MEDIA call");
    assertThat(storage.object(failed.details().objectKey().mp4Rendition())).isEmpty();
    assertThat(recordings.jobs().runNext()).as("not retried").isFalse();
  }

  @Test
  void aFailureShowsTheReasonAndTheEnginesShortLineAndLogsItsOutputWithTheRecordingId() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    media.failNext("probe", new MediaProcessingException(Reason.UNSUPPORTED, "video/webm allows no theora video",
        "ffprobe -f matroska /var/lib/recordings/processing/original.webm: Codec (theora) not on whitelist"));

    List<LogRecord> logged = logged(() -> recordings.jobs().runNext());

    assertThat(stored(id).processing().failure()).contains("unsupported: video/webm allows no theora video");
    assertThat(logged).anySatisfy(record -> assertThat(record.getMessage()).contains(id.toString(), "unsupported",
        "/var/lib/recordings/processing/original.webm", "not on whitelist"));
  }

  @Test
  void anUnexpectedErrorShowsAFixedLineAndLogsTheError() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      media.beforeNext("mp4", () -> {
        throw new IllegalStateException("cannot open /srv/data/processing/x/seekable.webm");
      });
    }

    List<LogRecord> logged = logged(() -> {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        clock.advance(JobPolicy.MAX_RETRY_WAIT);
        recordings.jobs().runNext();
      }
    });

    assertThat(stored(id).processing().failure()).contains("failed: processing failed unexpectedly");
    assertThat(logged).anySatisfy(record -> assertThat(record.getMessage()).contains(id.toString()));
  }

  @Test
  void aLongDescriptionIsCutToOneShortLine() {
    String failure = ProcessingService.failure("failed", "line one\n" + "x".repeat(500));

    assertThat(failure).startsWith("failed: line one x").doesNotContain("\n")
        .hasSize("failed: ".length() + ProcessingService.MAX_FAILURE_DESCRIPTION);
  }

  @Test
  void aRetryableFailureComesBackWithBackoffAndFailsForGoodAfterTheLastAttempt() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      media.failNext("mp4", new MediaProcessingException(Reason.TIMED_OUT, "ffmpeg ran past 60 s"));
    }

    recordings.jobs().runNext();
    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.QUEUED);
    clock.advance(JOBS.retryWait(JobKind.PROCESS_RECORDING, 1).minusSeconds(1));
    assertThat(recordings.jobs().runNext()).as("not before the backoff").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(recordings.jobs().runNext()).isTrue();
    clock.advance(JOBS.retryWait(JobKind.PROCESS_RECORDING, 2));
    assertThat(recordings.jobs().runNext()).isTrue();

    CompletedRecording failed = stored(id);
    assertThat(failed.processing().state()).isEqualTo(ProcessingState.FAILED);
    assertThat(failed.processing().failure()).contains("timed_out: ffmpeg ran past 60 s");
    assertThat(queue.dead(10)).hasSize(1);
    assertThat(JOBS.retryWait(JobKind.PROCESS_RECORDING, 2)).isEqualTo(JOBS.retryWait(JobKind.PROCESS_RECORDING, 1).multipliedBy(4));
  }

  @Test
  void aSeekableCopyThatDoesNotProbeEqualLeavesTheOriginalAsUploaded() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    media.failNext("remux", new MediaProcessingException(Reason.MISMATCH, "duration 3.2 s against 1.0 s"));

    recordings.jobs().runNext();

    CompletedRecording ready = stored(id);
    assertThat(ready.processing().state()).isEqualTo(ProcessingState.READY);
    assertThat(object(ready.details().objectKey())).isEqualTo("MEDIA call");
    assertThat(object(ready.details().objectKey().mp4Rendition())).isEqualTo("mp4 of MEDIA call");
  }

  @Test
  void aJobLostBetweenCompletionAndQueueIsQueuedAgainByTheSweep() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    // The process died after the completion was stored and before the job reached the queue.
    queue.complete(queue.lease(clock.instant(), Duration.ofMinutes(1)).orElseThrow());

    clock.advance(policy.requeueAfter().minusSeconds(1));
    assertThat(recordings.sweep().sweep().processingRequeued()).as("not while it may still be on its way").isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(recordings.sweep().sweep().processingRequeued()).isEqualTo(1);
    assertThat(recordings.sweep().sweep().processingRequeued()).as("queued once").isZero();

    assertThat(recordings.jobs().runNext()).isTrue();
    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.READY);
  }

  @Test
  void aRecordingWhoseEveryAttemptDiedIsFailedByTheSweep() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    CompletedRecording running = stored(id);
    repository.replace(running.withProcessing(running.processing().running(clock.instant())), RecordingStatus.COMPLETED);

    clock.advance(JOBS.giveUpAfter(JobKind.PROCESS_RECORDING, policy.attemptLimit(), ATTEMPTS).minusSeconds(1));
    recordings.sweep().sweep();
    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.RUNNING);
    clock.advance(Duration.ofSeconds(2));
    recordings.sweep().sweep();

    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.FAILED);
    assertThat(stored(id).processing().failure().orElseThrow()).contains("did not finish");
  }

  @Test
  void aRecordingDeletedWhileItsJobRunsLeavesNoFileBehind() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    ObjectKey key = stored(id).details().objectKey();
    media.beforeNext("thumbnail", () -> recordings.deleteRecording().delete(ALICE, id));

    recordings.jobs().runNext();

    assertThat(repository.find(id)).isEmpty();
    assertThat(storage.object(key)).isEmpty();
    assertThat(storage.object(key.mp4Rendition())).isEmpty();
    assertThat(storage.object(key.thumbnail())).isEmpty();
    assertThat(recordings.jobs().runNext()).isFalse();
  }

  @Test
  void aStoryboardTheEngineCannotMakeFailsNothing() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    media.failNext("storyboard", new MediaProcessingException(MediaProcessingException.Reason.FAILED, "tile broke"));

    recordings.jobs().runNext();

    CompletedRecording ready = stored(id);
    ObjectKey key = ready.details().objectKey();
    assertThat(ready.processing().state()).isEqualTo(ProcessingState.READY);
    assertThat(ready.processing().storyboard()).isEmpty();
    assertThat(ready.processing().thumbnail()).isPresent();
    assertThat(storage.object(key.storyboard())).isEmpty();
    assertThat(storage.object(key.storyboardTrack())).isEmpty();
  }

  @Test
  void deletingAReadyRecordingRemovesWhatProcessingMade() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    recordings.jobs().runNext();
    ObjectKey key = stored(id).details().objectKey();

    assertThat(storage.object(key.storyboard())).isPresent();

    recordings.deleteRecording().delete(ALICE, id);

    assertThat(storage.object(key.mp4Rendition())).isEmpty();
    assertThat(storage.object(key.thumbnail())).isEmpty();
    assertThat(storage.object(key.storyboard())).isEmpty();
    assertThat(storage.object(key.storyboardTrack())).isEmpty();
  }

  @Test
  void aFileGoneFromStorageFailsWithAReason() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    storage.delete(stored(id).details().objectKey());

    recordings.jobs().runNext();

    assertThat(stored(id).processing().failure().orElseThrow()).contains("no longer in storage");
  }

  @Test
  void withProcessingOffARecordingCompletesOffAndQueuesNothing() {
    Recordings recordings = recordings(ProcessingPolicy.off());
    RecordingId id = complete(recordings, "MEDIA call");

    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.OFF);
    assertThat(recordings.jobs().runNext()).isFalse();
    assertThatThrownBy(() -> recordings.reprocess().reprocess(id)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("processing is off");
  }

  @Test
  void anAdministratorReprocessesAFailedRecording() {
    Recordings recordings = recordings(policy);
    RecordingId id = complete(recordings, "MEDIA call");
    media.failNext("probe", new MediaProcessingException(Reason.NOT_MEDIA, "a broken engine build"));
    recordings.jobs().runNext();
    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.FAILED);

    assertThat(recordings.reprocess().reprocess(id).processing().state()).isEqualTo(ProcessingState.QUEUED);
    recordings.jobs().runNext();

    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.READY);
  }

  @Test
  void processingOnNeedsAQueue() {
    assertThatThrownBy(() -> Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger()).processing(policy).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("processing needs a job queue; give one or turn it off");
  }

  @Test
  void withAQueueAndNoEngineRecordingsAreQueuedForWorkersElsewhere() {
    Recordings api = Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger()).clock(clock).jobs(queue)
        .processing(policy).build();
    RecordingId id = complete(api, "MEDIA call");

    assertThat(api.processingEnabled()).isTrue();
    assertThat(api.runsJobs()).isFalse();
    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.QUEUED);
    assertThatThrownBy(api::jobs).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("this instance only queues them");
    assertThat(recordings(policy).jobs().runNext()).as("a worker with an engine takes the job").isTrue();
    assertThat(stored(id).processing().state()).isEqualTo(ProcessingState.READY);
  }

  /** What ProcessingService logged while {@code action} ran (System.Logger goes to java.util.logging here). */
  private static List<LogRecord> logged(Runnable action) {
    Logger logger = Logger.getLogger(ProcessingService.class.getName());
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      action.run();
    } finally {
      logger.removeHandler(handler);
    }
    return records;
  }

  private static Stream<Path> listed(Path dir) {
    try {
      return Files.list(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
