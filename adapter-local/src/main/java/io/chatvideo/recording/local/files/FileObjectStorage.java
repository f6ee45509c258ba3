package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.port.out.ListedObject;
import io.chatvideo.recording.core.port.out.ObjectListing;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.StoredObject;
import io.chatvideo.recording.local.capability.Capability;
import io.chatvideo.recording.local.capability.CapabilitySigner;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
  static final String UPLOAD_DESCRIPTOR = "upload";
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern PART_FILE = Pattern.compile("(\\d{5})\\.part");
  private static final int LOCK_STRIPES = 64;

  private final Path objects;
  private final Path uploads;
  private final StagingArea staging;
  private final CapabilitySigner signer;
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
    this.uploads = Files.createDirectories(uploads).toAbsolutePath().normalize();
    this.staging = staging;
    this.signer = signer;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  @Override
  public PresignedRequest presignPut(ObjectKey key, ContentType contentType, OptionalLong contentLength,
      Instant expiresAt) {
    // Without a declared size the bound is the largest single PUT there is; the core checks its own
    // (possibly smaller) limit when the upload completes.
    Capability.Length length = contentLength.isPresent() ? new Capability.Length(contentLength.getAsLong(), true)
        : new Capability.Length(SizePolicy.DEFAULT_MAX_SINGLE_PUT, false);
    Capability capability = new Capability(Capability.Method.PUT, key, expiresAt, Optional.of(contentType),
        Optional.of(length), Optional.empty(), Optional.empty());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType.value());
    contentLength.ifPresent(n -> headers.put("Content-Length", Long.toString(n)));
    return presigned(capability, headers);
  }

  @Override
  public PresignedRequest presignGet(ObjectKey key, ContentType contentType, Filename filename, Instant expiresAt) {
    return presigned(new Capability(Capability.Method.GET, key, expiresAt, Optional.of(contentType), Optional.empty(),
        Optional.empty(), Optional.of(filename)), Map.of());
  }

  /** Signed with no file name: {@code /objects/…} answers such a GET {@code Content-Disposition: inline}. */
  @Override
  public PresignedRequest presignInline(ObjectKey key, ContentType contentType, Instant expiresAt) {
    return presigned(new Capability(Capability.Method.GET, key, expiresAt, Optional.of(contentType), Optional.empty(),
        Optional.empty(), Optional.empty()), Map.of());
  }

  @Override
  public PresignedRequest presignPart(ObjectKey key, String uploadId, int partNumber, long contentLength,
      Instant expiresAt) {
    return presigned(new Capability(Capability.Method.PUT, key, expiresAt, Optional.empty(),
        Optional.of(new Capability.Length(contentLength, true)),
        Optional.of(new Capability.Part(uploadId, partNumber)), Optional.empty()),
        Map.of("Content-Length", Long.toString(contentLength)));
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
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String uploadId = HexFormat.of().formatHex(bytes);
    try {
      // Built in the staging area and renamed into place, so an upload folder always has its descriptor.
      Path draft = staging.createFolder();
      Files.write(draft.resolve(UPLOAD_DESCRIPTOR), (key.value() + "\n").getBytes(StandardCharsets.UTF_8));
      Files.move(draft, uploads.resolve(uploadId), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw unavailable("start a multipart upload for " + key, e);
    }
    return uploadId;
  }

  @Override
  public List<StoredPart> listParts(ObjectKey key, String uploadId) {
    Path folder = uploadFolder(key, uploadId).orElseThrow(() -> noSuchUpload(uploadId));
    try {
      return parts(folder);
    } catch (NoSuchFileException e) {
      throw noSuchUpload(uploadId);
    } catch (IOException e) {
      throw unavailable("list the parts of upload " + uploadId, e);
    }
  }

  /** A copy of the range, not a link: the source's bytes may be replaced (processing's seekable original). */
  @Override
  public StoredPart copyPart(ObjectKey key, String uploadId, int partNumber, ObjectKey source, long offset,
      long length) {
    SizePolicy.checkPartNumber(partNumber);
    ObjectFile from = stat(source).orElseThrow(() -> new ConflictException("no object " + source + " to copy from"));
    if (offset < 0 || length < 1 || offset + length > from.size()) {
      throw new ConflictException("object " + source + " has " + from.size() + " bytes, not bytes " + offset + " to "
          + (offset + length - 1));
    }
    try (StagedFile staged = staging.create()) {
      staged.appendRange(from.path(), offset, length);
      FileStamp stamp = commitPart(key, uploadId, partNumber, staged).orElseThrow(() -> noSuchUpload(uploadId));
      return new StoredPart(partNumber, ETag.of(stamp.sha256()).quoted(), stamp.size());
    } catch (java.io.EOFException replacedMeanwhile) {
      throw new ConflictException("object " + source + " changed while its bytes were copied");
    } catch (IOException e) {
      throw unavailable("copy part " + partNumber + " of upload " + uploadId, e);
    }
  }

  @Override
  public void completeMultipart(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    Path folder = uploadFolder(key, uploadId).orElseThrow(() -> noSuchUpload(uploadId));
    try {
      Map<Integer, StoredPart> stored = new HashMap<>();
      for (StoredPart part : parts(folder)) {
        stored.put(part.partNumber(), part);
      }
      try (StagedFile joined = staging.create()) {
        for (CompletedPart part : parts) {
          StoredPart match = stored.get(part.partNumber());
          if (match == null || !ETag.parse(match.etag(), "parts").equals(ETag.parse(part.etag(), "parts"))) {
            throw new InvalidInputException("parts", "part " + part.partNumber()
                + " is not stored with that etag; upload it again or send its current etag");
          }
          joined.appendFile(partPath(folder, part.partNumber()));
        }
        commitObject(key, joined);
      }
      staging.discard(folder);
    } catch (NoSuchFileException e) {
      throw new ConflictException("multipart upload " + uploadId + " was completed or aborted meanwhile");
    } catch (IOException e) {
      throw unavailable("complete upload " + uploadId, e);
    }
  }

  /** The same as {@link #completeMultipart}: here a completion always puts the joined file in place. */
  @Override
  public void completeReplacing(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    completeMultipart(key, uploadId, parts);
  }

  @Override
  public void abortMultipart(ObjectKey key, String uploadId) {
    Optional<Path> folder = uploadFolder(key, uploadId);
    if (folder.isEmpty()) {
      return;
    }
    try {
      staging.discard(folder.get());
    } catch (IOException e) {
      throw unavailable("abort upload " + uploadId, e);
    }
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

  /**
   * The objects under {@code prefix}, in key order, stamps left out. Folders are read in the order
   * of the keys they hold, and a folder whose keys all come before the cursor is not read at all,
   * so a page costs the folders on its way rather than a walk of every object. The cursor is the
   * last key of the previous page.
   */
  @Override
  public ObjectListing listObjects(String prefix, Optional<String> cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a listing takes at least one object, not " + limit);
    }
    String startKey = prefix.substring(0, prefix.lastIndexOf('/') + 1);
    Path start = objects.resolve(startKey).normalize();
    if (!start.startsWith(objects)) {
      throw new IllegalArgumentException("the prefix escapes the objects folder: " + prefix);
    }
    List<ListedObject> page = new ArrayList<>();
    try {
      if (Files.isDirectory(start)) {
        collect(start, startKey, new Listing(prefix, cursor, limit + 1), page);
      }
    } catch (IOException e) {
      throw unavailable("list the objects under " + prefix, e);
    }
    return page.size() > limit
        ? new ObjectListing(page.subList(0, limit), Optional.of(page.get(limit - 1).key()))
        : new ObjectListing(page, Optional.empty());
  }

  private record Listing(String prefix, Optional<String> cursor, int wanted) {}

  /** Adds the keys of {@code folder} (whose keys start with {@code folderKey}) in order; true once full. */
  private static boolean collect(Path folder, String folderKey, Listing listing, List<ListedObject> into)
      throws IOException {
    TreeMap<String, Map.Entry<Path, BasicFileAttributes>> children = new TreeMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        try {
          BasicFileAttributes attributes = Files.readAttributes(entry, BasicFileAttributes.class,
              LinkOption.NOFOLLOW_LINKS);
          // A folder's keys go on with '/', so it sorts by its name plus '/': "room/" after "room-1/".
          String key = folderKey + entry.getFileName() + (attributes.isDirectory() ? "/" : "");
          children.put(key, Map.entry(entry, attributes));
        } catch (NoSuchFileException deletedMeanwhile) {
          // No longer an object to list.
        }
      }
    } catch (NoSuchFileException deletedMeanwhile) {
      return false;
    }
    for (Map.Entry<String, Map.Entry<Path, BasicFileAttributes>> child : children.entrySet()) {
      String key = child.getKey();
      BasicFileAttributes attributes = child.getValue().getValue();
      if (attributes.isDirectory()) {
        boolean underPrefix = key.startsWith(listing.prefix()) || listing.prefix().startsWith(key);
        boolean allBeforeCursor = listing.cursor().map(c -> c.compareTo(key) >= 0 && !c.startsWith(key)).orElse(false);
        if (underPrefix && !allBeforeCursor && collect(child.getValue().getKey(), key, listing, into)) {
          return true;
        }
      } else if (attributes.isRegularFile() && key.startsWith(listing.prefix()) && !key.endsWith(FileStamp.SUFFIX)
          && listing.cursor().map(c -> key.compareTo(c) > 0).orElse(true)) {
        into.add(new ListedObject(key, attributes.lastModifiedTime().toInstant()));
        if (into.size() == listing.wanted()) {
          return true;
        }
      }
    }
    return false;
  }


  /** Whether {@code uploadId} is an open upload of {@code key}. */
  boolean isOpenUpload(ObjectKey key, String uploadId) {
    return uploadFolder(key, uploadId).isPresent();
  }

  /**
   * Puts {@code staged} in place as a part; empty if the upload was completed or aborted (its
   * folder is gone, and is never made again by a late part).
   */
  Optional<FileStamp> commitPart(ObjectKey key, String uploadId, int partNumber, StagedFile staged)
      throws IOException {
    Optional<Path> folder = uploadFolder(key, uploadId);
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(staged.commit(partPath(folder.get(), partNumber)));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    }
  }

  Path objectPath(ObjectKey key) {
    Path path = objects.resolve(key.value()).normalize();
    if (!path.startsWith(objects) || path.equals(objects)) {
      throw new IllegalArgumentException("object key escapes the objects folder: " + key);
    }
    return path;
  }

  private Optional<Path> uploadFolder(ObjectKey key, String uploadId) {
    if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
      return Optional.empty();
    }
    Path folder = uploads.resolve(uploadId);
    try {
      String owner = Files.readString(folder.resolve(UPLOAD_DESCRIPTOR), StandardCharsets.UTF_8).strip();
      return owner.equals(key.value()) ? Optional.of(folder) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unavailable("read upload " + uploadId, e);
    }
  }

  private static List<StoredPart> parts(Path folder) throws IOException {
    List<StoredPart> parts = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        var matcher = PART_FILE.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
          continue;
        }
        try {
          BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
          // A part without a valid stamp is one whose writer crashed mid-commit; it is not stored.
          FileStamp.readValid(file, attributes).ifPresent(stamp -> parts.add(
              new StoredPart(Integer.parseInt(matcher.group(1)), ETag.of(stamp.sha256()).quoted(), stamp.size())));
        } catch (NoSuchFileException replacedMeanwhile) {
          // Skipped: a part being replaced right now is listed by the next call.
        }
      }
    }
    parts.sort(Comparator.comparingInt(StoredPart::partNumber));
    return parts;
  }

  private static Path partPath(Path folder, int partNumber) {
    return folder.resolve(String.format("%05d.part", SizePolicy.checkPartNumber(partNumber)));
  }

  private Object stripe(ObjectKey key) {
    return stripes[Math.floorMod(key.value().hashCode(), stripes.length)];
  }

  private PresignedRequest presigned(Capability capability, Map<String, String> headers) {
    return new PresignedRequest(capability.method().name(), capability.relativeUrl(signer.sign(capability)), headers,
        capability.expiresAt());
  }

  private static ConflictException noSuchUpload(String uploadId) {
    return new ConflictException("no multipart upload " + uploadId + " (completed, aborted or never started)");
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
