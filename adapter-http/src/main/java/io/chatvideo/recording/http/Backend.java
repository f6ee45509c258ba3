package io.chatvideo.recording.http;

import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.ShareRepository;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import io.chatvideo.recording.core.port.out.UploadLedger;
import java.util.Optional;

/**
 * The adapters of the configured backend, as the core's ports ({@code jobs} where the backend has
 * a job queue for processing, {@code events} where it can write events and deliver them on that
 * queue, {@code speakerTimelines} beside the recordings); {@code release} closes what the backend holds open. What only one backend has (the local store's {@code /objects} URLs and its
 * sweep) is wired by beans that require that backend.
 */
public record Backend(
    String description, RecordingRepository repository, ObjectStorage storage, UploadLedger ledger,
    Optional<JobQueue> jobs, ShareRepository shares, PasscodeAttempts passcodeAttempts,
    Optional<BackendEvents> events, SpeakerTimelines speakerTimelines, Runnable release) {

  /** Closes the backend's connections and files, at shutdown. */
  public void close() {
    release.run();
  }
}
