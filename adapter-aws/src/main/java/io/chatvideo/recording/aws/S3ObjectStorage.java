package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.port.out.ListedObject;
import io.chatvideo.recording.core.port.out.ObjectListing;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.port.out.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Recording bytes in one S3 bucket. Clients move the bytes through presigned URLs; this class
 * signs them and does the few calls the server makes itself (HEAD, DELETE, multipart
 * bookkeeping, and whole-file GET and PUT for the processing steps). Each presigned request lists
 * the headers its signature covers, which the client must send exactly: {@code content-type}, {@code if-none-match: *} and, when the size was
 * declared, {@code content-length} for a PUT; none for a part or a GET.
 *
 * <p>Upload URLs are single-use: a PUT and a multipart completion are conditional writes
 * ({@code If-None-Match: *}), so S3 refuses (412) to replace an object that exists, and a URL
 * replayed after its upload completed cannot swap the verified bytes. A part URL dies with its
 * upload: after completion or abort S3 answers {@code NoSuchUpload}.
 */
final class S3ObjectStorage implements ObjectStorage {

  /** S3 answers at most this many keys per ListObjectsV2 call, whatever is asked. */
  private static final int MAX_LISTED_KEYS = 1000;
  /** The most S3 takes in one PutObject; larger objects need a multipart upload. */
  static final long MAX_PUT_BYTES = SizePolicy.DEFAULT_MAX_SINGLE_PUT;
  /** S3 conditional writes: the request succeeds only while no object has the key. */
  static final String CREATE_ONLY = "*";

  private final S3Client s3;
  private final S3UrlSigner signer;
  private final S3MultipartUploads multipart;
  private final String bucket;
  private final Duration apiCallTimeout;

  S3ObjectStorage(S3Client s3, S3Presigner presigner, AwsCredentialsProvider credentials, String bucket,
      Duration apiCallTimeout) {
    this.s3 = s3;
    this.signer = new S3UrlSigner(presigner, credentials, bucket);
    this.bucket = bucket;
    this.apiCallTimeout = apiCallTimeout;
    this.multipart = new S3MultipartUploads(s3, bucket, S3MultipartUploads.completeTimeout(apiCallTimeout), this);
  }

  @Override
  public PresignedRequest presignPut(ObjectKey key, ContentType contentType, OptionalLong contentLength,
      Instant expiresAt) {
    return signer.presignPut(key, contentType, contentLength, expiresAt);
  }

  @Override
  public PresignedRequest presignGet(ObjectKey key, ContentType contentType, Filename filename, Instant expiresAt) {
    return signer.presignGet(key, contentType, filename, expiresAt);
  }

  @Override
  public PresignedRequest presignInline(ObjectKey key, ContentType contentType, Instant expiresAt) {
    return signer.presignInline(key, contentType, expiresAt);
  }

  @Override
  public Optional<StoredObject> head(ObjectKey key) {
    try {
      HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key.value()));
      // A SHA-256 is only known to S3 when the uploader sent one; presigned uploads do not.
      return Optional.of(new StoredObject(head.contentLength(), Optional.empty()));
    } catch (AwsServiceException e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw unavailable("HeadObject", e);
    } catch (SdkException e) {
      throw unavailable("HeadObject", e);
    }
  }

  /**
   * A HEAD first, which answers a missing key without touching the disk and gives the size the
   * GET's time bound scales with. The GET streams into a new file beside {@code target} (the SDK's
   * {@code toFile} refuses an existing file, and truncates it on a retry) that is hashed and then
   * renamed over it. The hash is of the bytes that arrived: S3 knows a SHA-256 only for objects
   * uploaded with one, and S3-compatible services refuse the checksum headers.
   */
  @Override
  public Optional<StoredObject> read(ObjectKey key, Path target) {
    Optional<StoredObject> head = head(key);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Duration timeout = transferTimeout(head.get().size());
    Path absolute = target.toAbsolutePath();
    Path partial = absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");
    try {
      s3.getObject(g -> g.bucket(bucket).key(key.value()).overrideConfiguration(o -> o.apiCallTimeout(timeout)),
          ResponseTransformer.toFile(partial));
      StoredObject copied = new StoredObject(Files.size(partial), Optional.of(HexFormat.of().formatHex(sha256(partial))));
      Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(copied);
    } catch (NoSuchKeyException deletedSinceTheHead) {
      return Optional.empty();
    } catch (SdkException e) {
      throw unavailable("GetObject", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not put the copy of " + key + " in place", e);
    } finally {
      deleteQuietly(partial);
    }
  }

  /**
   * One PutObject, which S3 applies atomically; larger than one PUT takes (5 GiB) is refused before
   * anything is sent. The answer's SHA-256 is of the file sent, hashed here: an {@code
   * x-amz-checksum-sha256} header would have S3 check and keep it, but S3-compatible services
   * (S3Proxy among them) answer it {@code NotImplemented}.
   */
  @Override
  public StoredObject write(ObjectKey key, ContentType contentType, Path source) {
    if (!Files.isRegularFile(source)) {
      throw new IllegalArgumentException("no file to store at " + source);
    }
    long size;
    byte[] sha256;
    try {
      size = Files.size(source);
      if (size > MAX_PUT_BYTES) {
        throw new InvalidInputException("file", size + " bytes are more than S3 takes in one PUT ("
            + MAX_PUT_BYTES / SizePolicy.GiB + " GiB)");
      }
      sha256 = sha256(source);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + source + " to store it", e);
    }
    Duration timeout = transferTimeout(size);
    PutObjectRequest put = PutObjectRequest.builder().bucket(bucket).key(key.value())
        .contentType(contentType.value())
        .contentLength(size)
        .overrideConfiguration(o -> o.apiCallTimeout(timeout))
        .build();
    call("PutObject", () -> s3.putObject(put, RequestBody.fromFile(source)));
    return new StoredObject(size, Optional.of(HexFormat.of().formatHex(sha256)));
  }

  @Override
  public void delete(ObjectKey key) {
    call("DeleteObject", () -> s3.deleteObject(d -> d.bucket(bucket).key(key.value())));
  }

  @Override
  public String startMultipart(ObjectKey key, ContentType contentType) {
    return multipart.startMultipart(key, contentType);
  }

  @Override
  public PresignedRequest presignPart(ObjectKey key, String uploadId, int partNumber, long contentLength,
      Instant expiresAt) {
    return signer.presignPart(key, uploadId, partNumber, contentLength, expiresAt);
  }

  @Override
  public List<StoredPart> listParts(ObjectKey key, String uploadId) {
    return multipart.listParts(key, uploadId);
  }

  @Override
  public void completeMultipart(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    multipart.completeMultipart(key, uploadId, parts);
  }

  @Override
  public void completeReplacing(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    multipart.completeReplacing(key, uploadId, parts);
  }

  @Override
  public StoredPart copyPart(ObjectKey key, String uploadId, int partNumber, ObjectKey source, long offset,
      long length) {
    return multipart.copyPart(key, uploadId, partNumber, source, offset, length);
  }

  @Override
  public void abortMultipart(ObjectKey key, String uploadId) {
    multipart.abortMultipart(key, uploadId);
  }

  /**
   * The usual call bound plus a second per MiB: a 5 GiB PUT may take 85 minutes more (a link of
   * 1 MiB/s). A transfer that stalls is cut off sooner by the socket timeout, whatever this allows.
   */
  private Duration transferTimeout(long bytes) {
    return apiCallTimeout.plusSeconds(bytes / SizePolicy.MiB);
  }

  private static byte[] sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return digest.digest();
  }

  private static void deleteQuietly(Path partial) {
    try {
      Files.deleteIfExists(partial);
    } catch (IOException leftBehind) {
      // A hidden file beside the caller's target; the caller's working folder goes with its job.
    }
  }

  @Override
  public Optional<Instant> credentialsExpiry() {
    return signer.credentialsExpiry();
  }

  /** One ListObjectsV2 page; the cursor is S3's continuation token, which S3 itself checks. */
  @Override
  public ObjectListing listObjects(String prefix, Optional<String> cursor, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("a listing takes at least one object, not " + limit);
    }
    ListObjectsV2Response page = call("ListObjectsV2", () -> s3.listObjectsV2(l -> l.bucket(bucket).prefix(prefix)
        .maxKeys(Math.min(limit, MAX_LISTED_KEYS)).continuationToken(cursor.orElse(null))));
    List<ListedObject> objects = page.contents().stream()
        .map(object -> new ListedObject(object.key(), object.lastModified())).toList();
    return new ObjectListing(objects, Boolean.TRUE.equals(page.isTruncated())
        ? Optional.ofNullable(page.nextContinuationToken()) : Optional.empty());
  }

  <T> T call(String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (SdkException e) {
      throw unavailable(operation, e);
    }
  }

  StorageUnavailableException unavailable(String operation, SdkException e) {
    String what = e instanceof AwsServiceException service
        ? (service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
            ? service.awsErrorDetails().errorCode() : "HTTP " + service.statusCode())
        : e.getClass().getSimpleName();
    return new StorageUnavailableException("object storage failed (S3 " + operation + " on bucket " + bucket + ": "
        + what + ")", e);
  }
}
