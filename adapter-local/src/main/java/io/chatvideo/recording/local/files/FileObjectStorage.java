package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.port.out.ObjectListing;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.StoredObject;
import io.chatvideo.recording.local.capability.CapabilitySigner;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Objects as plain files under {@code objects/}, named by their key, each with its {@link
 * FileStamp} beside it; multipart uploads as folders under {@code uploads/{upload id}/} holding one
 * file per part. Every file is written in the staging area and renamed into place. Presigned
 * requests are capability URLs, which {@link ObjectAccess} checks and serves.
 */
public final class FileObjectStorage implements ObjectStorage {

  static final String OBJECTS_FOLDER = "objects";
  static final String UPLOADS_FOLDER = "uploads";
  static final String STAGING_FOLDER = "tmp";
  private static final int LOCK_STRIPES = 64;

  private final Path objects;
  private final StagingArea staging;
  private final CapabilityPresigner presigner;
  private final FileMultipartUploads multipart;
  private final SecureRandom random = new SecureRandom();
  /** Serializes stamp-and-rename per key within this process, so racing PUTs keep a valid stamp. */
  private final Object[] stripes = new Object[LOCK_STRIPES];

  /**
   * The object folders of a data directory, created if needed. Files left in the staging folder
   * by a process that died mid-write are removed.
   */
  public static FileObjectStorage open(Path dataDirectory, CapabilitySigner signer) throws IOException {
    StagingArea staging = new StagingArea(dataDirectory.resolve(STAGING_FOLDER));
    staging.removeOrphans();
    return new FileObjectStorage(dataDirectory.resolve(OBJECTS_FOLDER), dataDirectory.resolve(UPLOADS_FOLDER),
        staging, signer);
  }

  FileObjectStorage(Path objects, Path uploads, StagingArea staging, CapabilitySigner signer) throws IOException {
    this.objects = Files.createDirectories(objects).toAbsolutePath().normalize();
    this.staging = staging;
    this.presigner = new CapabilityPresigner(signer);
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
    this.multipart = new FileMultipartUploads(uploads, staging, this, random);
  }

  @Override
  public PresignedRequest presignPut(ObjectKey key, ContentType contentType, OptionalLong contentLength,
      Instant expiresAt) {
    return presigner.presignPut(key, contentType, contentLength, expiresAt);
  }

  @Override
  public PresignedRequest presignGet(ObjectKey key, ContentType contentType, Filename filename, Instant expiresAt) {
    return presigner.presignGet(key, contentType, filename, expiresAt);
  }

  @Override
  public PresignedRequest presignInline(ObjectKey key, ContentType contentType, Instant expiresAt) {
    return presigner.presignInline(key, contentType, expiresAt);
  }

  @Override
  public PresignedRequest presignPart(ObjectKey key, String uploadId, int partNumber, long contentLength,
      Instant expiresAt) {
    return presigner.presignPart(key, uploadId, partNumber, contentLength, expiresAt);
  }

  @Override
  public Optional<StoredObject> head(ObjectKey key) {
    return stat(key).map(file -> new StoredObject(file.size(), file.sha256()));
  }

  /**
   * Copies the object into a file beside {@code target}, hashing as it goes, and renames that file
   * to {@code target}: the open file keeps the version it was opened on while a write replaces it,
   * and the hash is of the bytes copied, not of a stamp that may belong to the next version.
   */
  @Override
  public Optional<StoredObject> read(ObjectKey key, Path target) {
    FileChannel object;
    try {
      object = FileChannel.open(objectPath(key), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unavailable("read " + key, e);
    }
    try (object) {
      return Optional.of(copy(object, target));
    } catch (IOException e) {
      throw unavailable("copy " + key + " out", e);
    }
  }

  /**
   * Copies {@code object} to a new file beside {@code target} and renames it over {@code target},
   * so a failed copy leaves {@code target} as it was. Not forced to disk: it is the caller's
   * working copy, and the object stays where it is.
   */
  private StoredObject copy(FileChannel object, Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    byte[] name = new byte[8];
    random.nextBytes(name);
    Path partial = absolute.resolveSibling("." + absolute.getFileName() + "." + HexFormat.of().formatHex(name)
        + StagingArea.FILE_SUFFIX);
    MessageDigest sha256 = StagedFile.newSha256();
    long size = 0;
    try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.allocate(StagedFile.BUFFER_BYTES);
      while (object.read(buffer) >= 0) {
        buffer.flip();
        sha256.update(buffer.duplicate());
        size += buffer.remaining();
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        buffer.clear();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    try {
      Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    return new StoredObject(size, Optional.of(HexFormat.of().formatHex(sha256.digest())));
  }

  /** Staged, hashed and renamed into place like an uploaded object, so a reader never sees a part. */
  @Override
  public StoredObject write(ObjectKey key, ContentType contentType, Path source) {
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException("no file to store at " + source);
    }
    try (StagedFile staged = staging.create()) {
      staged.appendFile(source);
      FileStamp stamp = commitObject(key, staged);
      return new StoredObject(stamp.size(), Optional.of(stamp.sha256()));
    } catch (IOException e) {
      throw unavailable("write " + key, e);
    }
  }

  @Override
  public void delete(ObjectKey key) {
    Path path = objectPath(key);
    try {
      synchronized (stripe(key)) {
        Files.deleteIfExists(path);
        Files.deleteIfExists(FileStamp.beside(path));
      }
    } catch (IOException e) {
      throw unavailable("delete " + key, e);
    }
  }

  @Override
  public String startMultipart(ObjectKey key, ContentType contentType) {
    return multipart.startMultipart(key, contentType);
  }

  @Override
  public List<StoredPart> listParts(ObjectKey key, String uploadId) {
    return multipart.listParts(key, uploadId);
  }

  @Override
  public StoredPart copyPart(ObjectKey key, String uploadId, int partNumber, ObjectKey source, long offset,
      long length) {
    return multipart.copyPart(key, uploadId, partNumber, source, offset, length);
  }

  @Override
  public void completeMultipart(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    multipart.completeMultipart(key, uploadId, parts);
  }


  /** The same as {@link #completeMultipart}: here a completion always puts the joined file in place. */
  @Override
  public void completeReplacing(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    completeMultipart(key, uploadId, parts);
  }

  @Override
  public void abortMultipart(ObjectKey key, String uploadId) {
    multipart.abortMultipart(key, uploadId);
  }


  /** The object under {@code key} as it is on disk now. */
  Optional<ObjectFile> stat(ObjectKey key) {
    Path path = objectPath(key);
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(new ObjectFile(path, attributes.size(),
          FileStamp.readValid(path, attributes).map(FileStamp::sha256), FileStamp.identity(attributes)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unavailable("read " + key, e);
    }
  }

  /** A new temporary file for an upload. */
  StagedFile stage() throws IOException {
    return staging.create();
  }

  /** Puts {@code staged} in place as the object under {@code key}, replacing what was there. */
  FileStamp commitObject(ObjectKey key, StagedFile staged) throws IOException {
    Path path = objectPath(key);
    Files.createDirectories(path.getParent());
    synchronized (stripe(key)) {
      return staged.commit(path);
    }
  }

  /**
   * Puts {@code staged} in place as the object under {@code key} only if there is none yet; a
   * {@link FileAlreadyExistsException} otherwise, and the object found is left as it was.
   */
  FileStamp commitNewObject(ObjectKey key, StagedFile staged) throws IOException {
    Path path = objectPath(key);
    Files.createDirectories(path.getParent());
    synchronized (stripe(key)) {
      // Checked first so the object found keeps its stamp; the link below is what makes it
      // create-once against another process too.
      if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new FileAlreadyExistsException(key.value());
      }
      return staged.commitNew(path);
    }
  }

  /** Whether an object is stored under {@code key}. */
  boolean exists(ObjectKey key) {
    return Files.exists(objectPath(key), LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public ObjectListing listObjects(String prefix, Optional<String> cursor, int limit) {
    return FileObjectListing.listObjects(objects, prefix, cursor, limit);
  }

  /** Whether {@code uploadId} is an open upload of {@code key}. */
  boolean isOpenUpload(ObjectKey key, String uploadId) {
    return multipart.isOpenUpload(key, uploadId);
  }

  /**
   * Puts {@code staged} in place as a part; empty if the upload was completed or aborted (its
   * folder is gone, and is never made again by a late part).
   */
  Optional<FileStamp> commitPart(ObjectKey key, String uploadId, int partNumber, StagedFile staged)
      throws IOException {
    return multipart.commitPart(key, uploadId, partNumber, staged);
  }


  Path objectPath(ObjectKey key) {
    Path path = objects.resolve(key.value()).normalize();
    if (!path.startsWith(objects) || path.equals(objects)) {
      throw new IllegalArgumentException("object key escapes the objects folder: " + key);
    }
    return path;
  }


  private Object stripe(ObjectKey key) {
    return stripes[Math.floorMod(key.value().hashCode(), stripes.length)];
  }


  /**
   * The message names the action and the kind of failure but no path: it reaches clients as a 503
   * detail, and where the data directory is on the server is none of theirs. The cause keeps it for
   * the log.
   */
  static StorageUnavailableException unavailable(String action, IOException e) {
    return new StorageUnavailableException("local object storage could not " + action + " ("
        + e.getClass().getSimpleName() + ")", e);
  }
}
