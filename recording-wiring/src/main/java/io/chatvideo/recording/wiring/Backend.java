package io.chatvideo.recording.wiring;

import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.ShareRepository;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import io.chatvideo.recording.core.port.out.Transcripts;
import io.chatvideo.recording.core.port.out.UploadLedger;
import java.util.Optional;

/**
 * The adapters of the configured backend, as the core's ports ({@code jobs} where the backend has
 * a job queue, {@code events} where it can write events and deliver them on that queue,
 * {@code speakerTimelines} and {@code transcripts} beside the recordings). The {@link Composition} that opened them closes
 * them.
 */
public record Backend(
    String description, RecordingRepository repository, ObjectStorage storage, UploadLedger ledger,
    Optional<JobQueue> jobs, ShareRepository shares, PasscodeAttempts passcodeAttempts,
    Optional<BackendEvents> events, SpeakerTimelines speakerTimelines, Transcripts transcripts) {}
