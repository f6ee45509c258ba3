package io.chatvideo.recording.core.port.out;

import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.StoredPart;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where recording bytes live (local disk, S3, …). Clients move the bytes themselves through the
 * presigned requests; the server signs, checks and deletes, and its processing steps copy whole
 * objects to and from local files ({@link #read}, {@link #write}). Implementations throw {@link
 * io.chatvideo.recording.core.domain.StorageUnavailableException} when the store cannot be
 * reached.
 */
public interface ObjectStorage {

  /** A PUT of the whole object that signs the content type and, when given, the exact length. */
  PresignedRequest presignPut(ObjectKey key, ContentType contentType, OptionalLong contentLength, Instant expiresAt);

  /** A GET answering with {@code contentType} and an attachment {@code Content-Disposition}. */
  PresignedRequest presignGet(ObjectKey key, ContentType contentType, Filename filename, Instant expiresAt);

  /** A GET answering with {@code contentType} and {@code Content-Disposition: inline}: a player's source, not a download. */
  PresignedRequest presignInline(ObjectKey key, ContentType contentType, Instant expiresAt);

  /** The object's size, or empty when nothing is stored under {@code key}. */
  Optional<StoredObject> head(ObjectKey key);

  /**
   * Copies the object's bytes into {@code target}, which is created or replaced; empty, with
   * {@code target} left as it was, when nothing is stored under {@code key}. The object is read as
   * one version even while it is being replaced. The answer is what was copied: its size and, where
   * the store knows it, its SHA-256. {@code target}'s folder must exist.
   *
   * <pre>{@code
   * Path copy = Files.createTempFile(work, "original", ".webm");
   * Optional<StoredObject> original = storage.read(key, copy); // empty: deleted meanwhile
   * }</pre>
   */
  Optional<StoredObject> read(ObjectKey key, Path target);

  /**
   * Stores {@code source}'s bytes under {@code key}, replacing what is there atomically: a reader
   * sees the old object or the whole new one, never a part. {@code contentType} is kept where the
   * store keeps one (S3 answers it on HEAD and GET). Answers the stored object: its size and, where
   * the store knows it, its SHA-256. A source larger than the store takes in one write (S3: 5 GiB)
   * is an {@link io.chatvideo.recording.core.domain.InvalidInputException} and nothing is sent; a
   * missing source is an {@link IllegalArgumentException}.
   */
  StoredObject write(ObjectKey key, ContentType contentType, Path source);

  /** Deletes the object; nothing happens if it is not there. */
  void delete(ObjectKey key);

  /** Starts a multipart upload and returns its upload id. */
  String startMultipart(ObjectKey key, ContentType contentType);

  /**
   * A PUT of one part that signs its exact length: the store refuses a body of any other length.
   * The response's {@code ETag} header is what completion needs.
   */
  PresignedRequest presignPart(ObjectKey key, String uploadId, int partNumber, long contentLength, Instant expiresAt);

  /**
   * The parts stored so far, by ascending part number; a {@code ConflictException} when the upload
   * id is unknown (completed or aborted).
   */
  List<StoredPart> listParts(ObjectKey key, String uploadId);

  /**
   * Stores bytes {@code offset} to {@code offset + length - 1} of the object under {@code source}
   * as part {@code partNumber} of the upload, inside the store (S3: UploadPartCopy), and answers
   * the stored part. A {@code ConflictException} when the upload is gone or the object does not
   * hold that range.
   */
  StoredPart copyPart(ObjectKey key, String uploadId, int partNumber, ObjectKey source, long offset, long length);

  /** Joins the parts, in the order given, into the object under {@code key}. */
  void completeMultipart(ObjectKey key, String uploadId, List<CompletedPart> parts);

  /**
   * Like {@link #completeMultipart}, but the joined parts replace the object stored under {@code
   * key}: a partial recording's returning client sends the whole call.
   */
  void completeReplacing(ObjectKey key, String uploadId, List<CompletedPart> parts);

  /** Aborts the upload and drops its parts; nothing happens if it is gone already. */
  void abortMultipart(ObjectKey key, String uploadId);

  /**
   * Up to {@code limit} of the objects whose key starts with {@code prefix}, in ascending key
   * order, after the position {@code cursor} (from the previous page's {@link
   * ObjectListing#nextCursor}, opaque; empty for the first page). Parts of unfinished multipart
   * uploads are not objects and are not listed. The sweep uses it to find objects that no
   * recording points to.
   */
  ObjectListing listObjects(String prefix, Optional<String> cursor, int limit);

  /** When the credentials that sign URLs expire, if the store knows (temporary STS credentials). */
  default Optional<Instant> credentialsExpiry() {
    return Optional.empty();
  }
}
