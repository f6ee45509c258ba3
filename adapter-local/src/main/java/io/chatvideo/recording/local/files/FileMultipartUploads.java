package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StoredPart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The multipart uploads of a {@link FileObjectStorage}: folders under {@code uploads/{upload id}/},
 * each holding a descriptor that names its key and one file per part. A completed upload is joined
 * into an object through the storage, which owns the objects folder and its locks.
 */
final class FileMultipartUploads {

  static final String UPLOAD_DESCRIPTOR = "upload";
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern PART_FILE = Pattern.compile("(\\d{5})\\.part");

  private final Path uploads;
  private final StagingArea staging;
  private final FileObjectStorage store;
  private final SecureRandom random;

  FileMultipartUploads(Path uploads, StagingArea staging, FileObjectStorage store, SecureRandom random)
      throws IOException {
    this.uploads = Files.createDirectories(uploads).toAbsolutePath().normalize();
    this.staging = staging;
    this.store = store;
    this.random = random;
  }

  String startMultipart(ObjectKey key, ContentType contentType) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String uploadId = HexFormat.of().formatHex(bytes);
    try {
      // Built in the staging area and renamed into place, so an upload folder always has its descriptor.
      Path draft = staging.createFolder();
      Files.write(draft.resolve(UPLOAD_DESCRIPTOR), (key.value() + "\n").getBytes(StandardCharsets.UTF_8));
      Files.move(draft, uploads.resolve(uploadId), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw FileObjectStorage.unavailable("start a multipart upload for " + key, e);
    }
    return uploadId;
  }

  List<StoredPart> listParts(ObjectKey key, String uploadId) {
    Path folder = uploadFolder(key, uploadId).orElseThrow(() -> noSuchUpload(uploadId));
    try {
      return parts(folder);
    } catch (NoSuchFileException e) {
      throw noSuchUpload(uploadId);
    } catch (IOException e) {
      throw FileObjectStorage.unavailable("list the parts of upload " + uploadId, e);
    }
  }

  /** A copy of the range, not a link: the source's bytes may be replaced (processing's seekable original). */
  StoredPart copyPart(ObjectKey key, String uploadId, int partNumber, ObjectKey source, long offset,
      long length) {
    SizePolicy.checkPartNumber(partNumber);
    ObjectFile from = store.stat(source)
        .orElseThrow(() -> new ConflictException("no object " + source + " to copy from"));
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
      throw FileObjectStorage.unavailable("copy part " + partNumber + " of upload " + uploadId, e);
    }
  }

  void completeMultipart(ObjectKey key, String uploadId, List<CompletedPart> parts) {
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
        store.commitObject(key, joined);
      }
      staging.discard(folder);
    } catch (NoSuchFileException e) {
      throw new ConflictException("multipart upload " + uploadId + " was completed or aborted meanwhile");
    } catch (IOException e) {
      throw FileObjectStorage.unavailable("complete upload " + uploadId, e);
    }
  }

  void abortMultipart(ObjectKey key, String uploadId) {
    Optional<Path> folder = uploadFolder(key, uploadId);
    if (folder.isEmpty()) {
      return;
    }
    try {
      staging.discard(folder.get());
    } catch (IOException e) {
      throw FileObjectStorage.unavailable("abort upload " + uploadId, e);
    }
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
      throw FileObjectStorage.unavailable("read upload " + uploadId, e);
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

  private static ConflictException noSuchUpload(String uploadId) {
    return new ConflictException("no multipart upload " + uploadId + " (completed, aborted or never started)");
  }
}
