package io.chatvideo.recording.local;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.StoredObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
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
import java.util.regex.Pattern;

/**
 * Objects as plain files under {@code objects/}, named by their key, each with its {@link
 * FileStamp} beside it; multipart uploads as folders under {@code uploads/{upload id}/} holding one
 * file per part. Every file is written in the staging area and renamed into place. Presigned
 * requests are capability URLs served by {@link ObjectEndpoint}.
 */
final class FileObjectStorage implements ObjectStorage {

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
    String length = contentLength.isPresent() ? "=" + contentLength.getAsLong()
        : "<=" + SizePolicy.DEFAULT_MAX_SINGLE_PUT;
    Capability capability = new Capability("PUT", key.value(), expiresAt.getEpochSecond(), contentType.value(),
        length, "", "", "");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType.value());
    contentLength.ifPresent(n -> headers.put("Content-Length", Long.toString(n)));
    return presigned(capability, headers);
  }

  @Override
  public PresignedRequest presignGet(ObjectKey key, ContentType contentType, Filename filename, Instant expiresAt) {
    return presigned(new Capability("GET", key.value(), expiresAt.getEpochSecond(), contentType.value(), "", "", "",
        filename.value()), Map.of());
  }

  @Override
  public PresignedRequest presignPart(ObjectKey key, String uploadId, int partNumber, Instant expiresAt) {
    SizePolicy.checkPartNumber(partNumber);
    return presigned(new Capability("PUT", key.value(), expiresAt.getEpochSecond(), "",
        "<=" + SizePolicy.MAX_PART_BYTES, uploadId, Integer.toString(partNumber), ""), Map.of());
  }

  @Override
  public Optional<StoredObject> head(ObjectKey key) {
    return stat(key).map(file -> new StoredObject(file.size(), file.sha256()));
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
          if (match == null || !unquote(match.etag()).equals(unquote(part.etag()))) {
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

  /** Puts {@code staged} in place as the object under {@code key}. */
  FileStamp commitObject(ObjectKey key, StagedFile staged) throws IOException {
    Path path = objectPath(key);
    Files.createDirectories(path.getParent());
    synchronized (stripe(key)) {
      return staged.commit(path);
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
              new StoredPart(Integer.parseInt(matcher.group(1)), quote(stamp.sha256()), stamp.size())));
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
    return new PresignedRequest(capability.method(), URI.create(capability.relativeUrl(signer.sign(capability))),
        headers, Instant.ofEpochSecond(capability.expiresEpochSecond()));
  }

  static String quote(String etag) {
    return "\"" + etag + "\"";
  }

  private static String unquote(String etag) {
    String trimmed = etag.trim();
    return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
        ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
  }

  private static ConflictException noSuchUpload(String uploadId) {
    return new ConflictException("no multipart upload " + uploadId + " (completed, aborted or never started)");
  }

  private static StorageUnavailableException unavailable(String action, IOException e) {
    return new StorageUnavailableException("local object storage could not " + action + ": " + e, e);
  }
}
