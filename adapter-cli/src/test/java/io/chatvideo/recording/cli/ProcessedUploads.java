package io.chatvideo.recording.cli;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ProcessingPolicy;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import io.chatvideo.recording.ffmpeg.FfmpegMediaProcessor;
import io.chatvideo.recording.ffmpeg.FfmpegSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A recording uploaded and completed through the core as a server with processing on does it:
 * the file lands in the store, the completion marks it {@code queued} and queues its job, and no
 * worker runs, so the CLI's worker is the one that processes it.
 */
final class ProcessedUploads {

  static final Path FIXTURES = Path.of(System.getProperty("recordings.fixtures",
      "../adapter-ffmpeg/src/test/resources/fixtures"));
  /** Three seconds of the fake camera and microphone, recorded by Chromium's MediaRecorder. */
  static final Path CHROMIUM_WEBM = FIXTURES.resolve("chromium-mediarecorder-3s.webm");

  private ProcessedUploads() {}

  static CompletedRecording complete(RecordingRepository repository, ObjectStorage storage, JobQueue jobs,
      Clock clock, String owner, Path file) {
    Recordings core = Recordings.builder().repository(repository).storage(storage).ledger(new InMemoryUploadLedger())
        .clock(clock).jobs(jobs)
        .media(new FfmpegMediaProcessor(FfmpegSettings.find(Path.of("ffmpeg")).orElseThrow()))
        .processing(ProcessingPolicy.on()).build();
    UserId caller = new UserId(owner);
    try {
      UploadTicket ticket = core.requestUpload().requestUpload(new RequestUploadCommand(caller, new RoomId("room-1"),
          Optional.of("standup.webm"), ContentType.DEFAULT, OptionalLong.of(Files.size(file)), Set.of()));
      storage.write(ticket.objectKey(), ContentType.DEFAULT, file);
      return core.completeUpload().complete(new CompleteUploadCommand(caller, ticket.recordingId(), Optional.empty(),
          Optional.empty()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
