package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ETag;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.port.out.RecordingRepository;
import io.chatvideo.recording.local.capability.Capability;
import io.chatvideo.recording.local.capability.CapabilityRefusedException;
import io.chatvideo.recording.local.capability.CapabilitySigner;
import io.chatvideo.recording.local.files.ObjectRefusedException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the capability URLs of the local store may do, as typed operations for the HTTP adapter:
 * {@link #verify} the capability a request claims, then {@link #download} or {@link #upload}
 * with it. A refusal is a {@link CapabilityRefusedException} (the URL does not allow this) or an
 * {@link ObjectRefusedException} with its reason; the store failing is a {@code
 * StorageUnavailableException}. No message names a server path.
 *
 * <p>Upload URLs are single-use: a PUT is taken only while the recording it was signed for is
 * PENDING (or, for a part of the upload that replaces a partial recording, while it is partial),
 * and a whole object only once (create-once), so a URL replayed after completion, after
 * the upload was aborted or after the recording was deleted writes nothing. A part may be sent
 * again while its upload is open (a client retrying a part whose answer it lost); completion
 * picks parts by ETag, so that never changes bytes a recording was completed with.
 */
public final class ObjectAccess {

  private final FileObjectStorage storage;
  private final CapabilitySigner signer;
  private final RecordingRepository recordings;

  public ObjectAccess(FileObjectStorage storage, CapabilitySigner signer, RecordingRepository recordings) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.recordings = Objects.requireNonNull(recordings, "recordings");
  }

  /**
   * The capability a request for {@code key} (the path after {@link Capability#PATH_PREFIX},
   * decoded) grants with {@code query}, its decoded parameters.
   */
  public Capability verify(Capability.Method method, String key, Map<String, String> query) {
    ObjectKey objectKey = ObjectKey.ifValid(key).orElseThrow(() ->
        new ObjectRefusedException(Reason.NO_SUCH_OBJECT, "no such object: the path does not name an object key"));
    return signer.verify(method, objectKey, query);
  }

  /**
   * The object a download capability reads: one signed with a file name is an attachment, one
   * signed without (a player's source) is shown inline.
   */
  public ObjectDownload download(Capability capability) {
    if (capability.method() != Capability.Method.GET || capability.contentType().isEmpty()
        || capability.part().isPresent() || capability.length().isPresent()) {
      throw new CapabilityRefusedException("the URL is not a download URL");
    }
    ObjectFile file = storage.stat(capability.key())
        .orElseThrow(() -> new ObjectRefusedException(Reason.NO_SUCH_OBJECT, "no such object"));
    return new ObjectDownload(capability.contentType().get(), capability.filename(), file);
  }

  /**
   * Stores {@code body} as the object or part an upload capability names, and answers its ETag
   * (the SHA-256). Nothing is stored unless the whole body arrived with the signed length.
   *
   * @param sentContentType the request's {@code Content-Type}, if it had one
   * @param declaredLength the request's {@code Content-Length}, if it had one
   */
  public ETag upload(Capability capability, Optional<String> sentContentType, OptionalLong declaredLength,
      InputStream body) {
    Objects.requireNonNull(body, "body");
    if (capability.method() != Capability.Method.PUT || capability.length().isEmpty()) {
      throw new CapabilityRefusedException("the URL is not an upload URL");
    }
    ObjectKey key = capability.key();
    if (capability.part().isPresent() && !storage.isOpenUpload(key, capability.part().get().uploadId())) {
      throw noSuchUpload();
    }
    if (!awaitsUpload(capability)) {
      throw new ObjectRefusedException(Reason.UPLOAD_CLOSED, "recording " + key.recordingId()
          + " is no longer waiting for an upload (completed, aborted or deleted); upload URLs are single-use,"
          + " request a new upload");
    }
    if (!capability.isPart() && storage.exists(key)) {
      throw alreadyUploaded();
    }
    checkHeaders(capability, sentContentType, declaredLength);
    try (StagedFile staged = storage.stage()) {
      receive(staged, capability.length().get(), declaredLength, body);
      if (capability.part().isPresent()) {
        Capability.Part part = capability.part().get();
        return storage.commitPart(key, part.uploadId(), part.number(), staged)
            .map(stamp -> ETag.of(stamp.sha256())).orElseThrow(ObjectAccess::noSuchUpload);
      }
      FileStamp stamp;
      try {
        stamp = storage.commitNewObject(key, staged);
      } catch (FileAlreadyExistsException e) {
        throw alreadyUploaded();
      }
      if (recordings.find(key.recordingId()).filter(r -> r.details().objectKey().equals(key)).isEmpty()) {
        // The recording was deleted while the body arrived: what was written belongs to nothing.
        storage.delete(key);
        throw new ObjectRefusedException(Reason.UPLOAD_CLOSED, "recording " + key.recordingId()
            + " was deleted during the upload; nothing was kept");
      }
      return ETag.of(stamp.sha256());
    } catch (BodyReadException e) {
      throw new ObjectRefusedException(Reason.BAD_BODY, "the upload was interrupted; nothing was stored");
    } catch (IOException e) {
      throw FileObjectStorage.unavailable("store " + key, e);
    }
  }

  /**
   * The recording the URL was signed for is PENDING, with this object and (for a part) this upload;
   * or it is a partial recording and the part is one of the upload that replaces it.
   */
  private boolean awaitsUpload(Capability capability) {
    ObjectKey key = capability.key();
    Optional<String> uploadId = capability.part().map(Capability.Part::uploadId);
    return recordings.find(key.recordingId())
        .filter(recording -> recording.details().objectKey().equals(key))
        .filter(recording -> recording instanceof PendingRecording pending
            ? pending.multipartUploadId().equals(uploadId)
            : recording instanceof CompletedRecording partial && uploadId.isPresent()
                && partial.replacementUploadId().equals(uploadId))
        .isPresent();
  }

  private static void checkHeaders(Capability capability, Optional<String> sentContentType,
      OptionalLong declaredLength) {
    if (capability.contentType().isPresent()) {
      String signed = capability.contentType().get().value();
      if (sentContentType.map(ObjectAccess::normalized).filter(signed::equals).isEmpty()) {
        throw new CapabilityRefusedException("Content-Type must be " + signed + ", as signed");
      }
    }
    Capability.Length bound = capability.length().get();
    if (declaredLength.isPresent()) {
      long declared = declaredLength.getAsLong();
      if (bound.exact() ? declared != bound.bytes() : declared > bound.bytes() || declared < 0) {
        throw new CapabilityRefusedException("Content-Length must be " + (bound.exact() ? "" : "at most ")
            + bound.bytes() + " bytes, as signed");
      }
    }
  }

  /** Copies the body to {@code staged} and checks it has the length signed and declared. */
  private static void receive(StagedFile staged, Capability.Length bound, OptionalLong declaredLength,
      InputStream body) throws IOException {
    long received = staged.copyFrom(body, bound.bytes());
    if (received > bound.bytes()) {
      throw new ObjectRefusedException(Reason.BAD_BODY, "the body is longer than the " + bound.bytes()
          + " bytes this URL allows; nothing was stored");
    }
    if (bound.exact() && received < bound.bytes()) {
      throw new ObjectRefusedException(Reason.BAD_BODY, "the body has " + received + " bytes, fewer than the "
          + bound.bytes() + " signed; nothing was stored");
    }
    if (declaredLength.isPresent() && received != declaredLength.getAsLong()) {
      throw new ObjectRefusedException(Reason.BAD_BODY, "the body has " + received
          + " bytes but Content-Length said " + declaredLength.getAsLong() + "; nothing was stored");
    }
  }

  /** The normal form of a sent content type, or the text itself if it is not one we accept. */
  private static String normalized(String contentType) {
    try {
      return ContentType.parse(contentType).value();
    } catch (InvalidInputException e) {
      return contentType;
    }
  }

  private static ObjectRefusedException noSuchUpload() {
    return new ObjectRefusedException(Reason.NO_SUCH_UPLOAD, "no such multipart upload: it was completed or aborted");
  }

  private static ObjectRefusedException alreadyUploaded() {
    return new ObjectRefusedException(Reason.UPLOAD_CLOSED, "an object was already uploaded with this URL; upload"
        + " URLs are single-use: complete the upload, or request a new one");
  }
}
