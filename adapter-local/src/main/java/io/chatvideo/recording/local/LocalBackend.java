package io.chatvideo.recording.local;

import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 *       .storage(local.storage())
 *       .build();
 *   // mount local.objects() at ObjectEndpoint.PATH_PREFIX
 * }
 * }</pre>
 *
 * Several processes may open the same directory at once (the server and the CLI).
 */
public final class LocalBackend implements AutoCloseable {

  static final String DATABASE_FILE = "recordings.db";
  static final String SIGNING_KEY_FILE = "signing.key";
  static final String OBJECTS_FOLDER = "objects";
  static final String UPLOADS_FOLDER = "uploads";
  static final String STAGING_FOLDER = "tmp";

  private final SqliteDatabase database;
  private final SqliteRecordingRepository repository;
  private final FileObjectStorage storage;
  private final ObjectEndpoint objects;

  private LocalBackend(SqliteDatabase database, FileObjectStorage storage, ObjectEndpoint objects) {
    this.database = database;
    this.repository = new SqliteRecordingRepository(database);
    this.storage = storage;
    this.objects = objects;
  }

  /**
   * Opens (creating if needed) the data directory: the SQLite file, the objects folder, the signing
   * key readable by its owner only. Files left by a process that died mid-write are removed.
   */
  public static LocalBackend open(Path dataDirectory, Clock clock) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(clock, "clock");
    Path root = dataDirectory.toAbsolutePath().normalize();
    FileObjectStorage storage;
    CapabilitySigner signer;
    try {
      createPrivateDirectory(root);
      signer = new CapabilitySigner(SigningSecret.loadOrCreate(root.resolve(SIGNING_KEY_FILE)));
      StagingArea staging = new StagingArea(root.resolve(STAGING_FOLDER));
      staging.removeOrphans();
      storage = new FileObjectStorage(root.resolve(OBJECTS_FOLDER), root.resolve(UPLOADS_FOLDER), staging, signer);
    } catch (IOException e) {
      throw new StorageUnavailableException("cannot open the data directory " + root + ": " + e, e);
    }
    SqliteDatabase database = SqliteDatabase.open(root.resolve(DATABASE_FILE), clock);
    return new LocalBackend(database, storage, new ObjectEndpoint(storage, signer, clock));
  }

  /** Recording metadata in SQLite; safe for concurrent use, also by other processes on the same file. */
  public RecordingRepository repository() {
    return repository;
  }

  /** Objects on disk; its presigned URLs are relative, {@code /objects/{key}?...}: prefix your origin. */
  public ObjectStorage storage() {
    return storage;
  }

  /** What serves the presigned URLs; mount it at {@link ObjectEndpoint#PATH_PREFIX}. */
  public ObjectEndpoint objects() {
    return objects;
  }

  @Override
  public void close() {
    database.close();
  }

  /** A new data directory is private to its owner: it holds the signing key and everyone's recordings. */
  private static void createPrivateDirectory(Path root) throws IOException {
    if (Files.isDirectory(root)) {
      return;
    }
    Files.createDirectories(root.getParent());
    try {
      if (root.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(root);
      }
    } catch (FileAlreadyExistsException createdMeanwhile) {
      // Another process made it first.
    }
  }
}
