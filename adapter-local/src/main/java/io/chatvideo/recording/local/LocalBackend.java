package io.chatvideo.recording.local;

import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.EventOutbox;
import io.chatvideo.recording.core.port.out.JobQueue;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.core.port.out.WebhookEndpoints;
import io.chatvideo.recording.core.port.out.PasscodeAttempts;
import io.chatvideo.recording.core.port.out.ShareRepository;
import io.chatvideo.recording.core.port.out.SpeakerTimelines;
import io.chatvideo.recording.core.port.out.Transcripts;
import io.chatvideo.recording.core.port.out.UploadLedger;
import io.chatvideo.recording.local.capability.CapabilitySigner;
import io.chatvideo.recording.local.capability.SigningSecret;
import io.chatvideo.recording.local.files.FileObjectStorage;
import io.chatvideo.recording.local.files.ObjectAccess;
import io.chatvideo.recording.local.run.LocalRun;
import io.chatvideo.recording.local.secret.OwnerOnlyFile;
import io.chatvideo.recording.local.sqlite.SqliteEventOutbox;
import io.chatvideo.recording.local.sqlite.SqliteJobQueue;
import io.chatvideo.recording.local.sqlite.SqliteRecordingRepository;
import io.chatvideo.recording.local.sqlite.SqliteWebhookEndpoints;
import io.chatvideo.recording.local.sqlite.SqlitePasscodeAttempts;
import io.chatvideo.recording.local.sqlite.SqliteShareRepository;
import io.chatvideo.recording.local.sqlite.SqliteSpeakerTimelines;
import io.chatvideo.recording.local.sqlite.SqliteTranscripts;
import io.chatvideo.recording.local.sqlite.SqliteUploadLedger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The embedded backend: recordings as files in a data directory, metadata in SQLite beside them.
 * For example:
 *
 * <pre>{@code
 * try (LocalBackend local = LocalBackend.open(Path.of("data"), Clock.systemUTC())) {
 *   Recordings recordings = Recordings.builder()
 *       .repository(local.repository())
 *       .ledger(local.ledger())
 *       .storage(local.storage())
 *       .build();
 *   // serve local.objects() at Capability.PATH_PREFIX ("/objects/")
 * }
 * }</pre>
 *
 * Several processes may open the same directory at once (the server and the CLI).
 */
public final class LocalBackend implements AutoCloseable {

  static final String DATABASE_FILE = "recordings.db";
  static final String SIGNING_KEY_FILE = "signing.key";

  static final String WORK_DIRECTORY = "processing";

  private final Path root;
  private final SqliteRecordingRepository repository;
  private final FileObjectStorage storage;
  private final ObjectAccess objects;

  private LocalBackend(Path root, SqliteRecordingRepository repository, FileObjectStorage storage,
      ObjectAccess objects) {
    this.root = root;
    this.repository = repository;
    this.storage = storage;
    this.objects = objects;
  }

  /**
   * Opens (creating if needed) the data directory, private to its owner: the SQLite file, the
   * object folders, the signing key. Files left by a process that died mid-write are removed, and
   * the jobs and work directories of processes that died are taken back.
   */
  public static LocalBackend open(Path dataDirectory, Clock clock) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(clock, "clock");
    Path root = dataDirectory.toAbsolutePath().normalize();
    FileObjectStorage storage;
    CapabilitySigner signer;
    try {
      OwnerOnlyFile.createPrivateDirectory(root);
      signer = new CapabilitySigner(SigningSecret.loadOrCreate(root.resolve(SIGNING_KEY_FILE)), clock);
      storage = FileObjectStorage.open(root, signer);
    } catch (IOException e) {
      throw new StorageUnavailableException("cannot open the data directory " + root + ": " + e, e);
    }
    SqliteRecordingRepository repository = SqliteRecordingRepository.open(root.resolve(DATABASE_FILE), clock);
    LocalBackend backend = new LocalBackend(root, repository, storage, new ObjectAccess(storage, signer, repository));
    try {
      backend.reclaimDeadRuns(clock);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
    return backend;
  }

  /**
   * What processes that died left behind (killed, crashed, a machine restart): their jobs' leases
   * end now, so this or another live worker takes them at once rather than when the leases would
   * have run out, and their work directories under {@code processing/} are deleted.
   */
  private void reclaimDeadRuns(Clock clock) {
    SqliteJobQueue.reclaim(repository, clock.instant(), LocalRun::alive);
    LocalRun.removeDeadWorkDirectories(root.resolve(WORK_DIRECTORY));
  }

  /**
   * Where this process's jobs keep their files while they run: {@code processing/run-<pid>-<start>}
   * in the data directory, deleted by the next process to open the directory once this one is gone.
   */
  public Path workDirectory() {
    return LocalRun.workDirectory(root.resolve(WORK_DIRECTORY));
  }

  /** Recording metadata in SQLite; safe for concurrent use, also by other processes on the same file. */
  public RecordingRepository repository() {
    return repository;
  }

  /**
   * The job queue in the same SQLite file as the recordings, giving a job {@code maxAttempts}
   * leases; safe for several workers, also in other processes on the same directory.
   */
  public JobQueue jobs(int maxAttempts) {
    return SqliteJobQueue.on(repository, maxAttempts);
  }

  /** The event outbox in the same SQLite file as the recordings: a change and its event commit together. */
  public EventOutbox events() {
    return SqliteEventOutbox.on(repository);
  }

  /** The webhook endpoints and their delivery log, in the same SQLite file. */
  public WebhookEndpoints webhookEndpoints() {
    return SqliteWebhookEndpoints.on(repository);
  }

  /** The bytes signed for uploads per recording and per user and day, in the same SQLite file. */
  public UploadLedger ledger() {
    return SqliteUploadLedger.on(repository);
  }

  /** Share links in the same SQLite file; a deleted recording's links go with it. */
  public ShareRepository shares() {
    return SqliteShareRepository.on(repository);
  }

  /** Transcripts in the same SQLite file; a recording's goes with it. */
  public Transcripts transcripts() {
    return SqliteTranscripts.on(repository);
  }

  /** Speaker timelines in the same SQLite file; a recording's goes with it. */
  public SpeakerTimelines speakerTimelines() {
    return SqliteSpeakerTimelines.on(repository);
  }

  /** Passcode tries in the same file: every process on this directory spends one budget. */
  public PasscodeAttempts passcodeAttempts() {
    return SqlitePasscodeAttempts.on(repository);
  }

  /** Objects on disk; its presigned URLs are relative, {@code /objects/{key}?...}: prefix your origin. */
  public ObjectStorage storage() {
    return storage;
  }

  /** What the presigned URLs may do: the typed operations behind {@code /objects/…}. */
  public ObjectAccess objects() {
    return objects;
  }

  @Override
  public void close() {
    repository.close();
  }
}
