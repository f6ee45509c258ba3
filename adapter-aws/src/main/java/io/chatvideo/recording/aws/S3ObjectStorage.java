package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
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

  /** S3 may take minutes to join a large upload's parts; the usual call bound would cut it off. */
  private static final Duration MIN_COMPLETE_TIMEOUT = Duration.ofMinutes(2);
  /** S3 answers at most this many keys per ListObjectsV2 call, whatever is asked. */
  private static final int MAX_LISTED_KEYS = 1000;
  /** SigV4's X-Amz-Date. */
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final Set<String> PART_ERRORS = Set.of("InvalidPart", "InvalidPartOrder", "EntityTooSmall");
  /** The most S3 takes in one PutObject; larger objects need a multipart upload. */
  static final long MAX_PUT_BYTES = SizePolicy.DEFAULT_MAX_SINGLE_PUT;
  /** S3 conditional writes: the request succeeds only while no object has the key. */
  static final String CREATE_ONLY = "*";

  private final S3Client s3;
  private final S3Presigner presigner;
  private final AwsCredentialsProvider credentials;
  private final String bucket;
  private final Duration completeTimeout;
  private final Duration apiCallTimeout;
  // The SDK signs with the system clock, so durations are measured against it too.
  private final Clock clock = Clock.systemUTC();

  S3ObjectStorage(S3Client s3, S3Presigner presigner, AwsCredentialsProvider credentials, String bucket,
      Duration apiCallTimeout) {
    this.s3 = s3;
    this.presigner = presigner;
    this.credentials = credentials;
    this.bucket = bucket;
    this.apiCallTimeout = apiCallTimeout;
    this.completeTimeout = apiCallTimeout.compareTo(MIN_COMPLETE_TIMEOUT) > 0 ? apiCallTimeout : MIN_COMPLETE_TIMEOUT;
  }

  @Override
  public PresignedRequest presignPut(ObjectKey key, ContentType contentType, OptionalLong contentLength,
      Instant expiresAt) {
    PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key.value())
        .contentType(contentType.value())
        .ifNoneMatch(CREATE_ONLY);
    contentLength.ifPresent(put::contentLength);
    PutObjectRequest request = put.build();
    Duration lifetime = lifetime(expiresAt);
    return presigned("PUT", () -> presigner.presignPutObject(p -> p.signatureDuration(lifetime).putObjectRequest(request)));
  }

  @Override
  public PresignedRequest presignGet(ObjectKey key, ContentType contentType, Filename filename, Instant expiresAt) {
    GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key.value())
        .responseContentType(contentType.value())
        .responseContentDisposition(filename.contentDisposition())
        // A presigned URL is one holder's capability: no shared cache may keep what it fetched.
        .responseCacheControl("private")
        .build();
    Duration lifetime = lifetime(expiresAt);
    return presigned("GET", () -> presigner.presignGetObject(p -> p.signatureDuration(lifetime).getObjectRequest(request)));
  }

  /** Like {@link #presignGet}, but S3 answers {@code Content-Disposition: inline} (its response override). */
  @Override
  public PresignedRequest presignInline(ObjectKey key, ContentType contentType, Instant expiresAt) {
    GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key.value())
        .responseContentType(contentType.value())
        .responseContentDisposition("inline")
        .responseCacheControl("private")
        .build();
    Duration lifetime = lifetime(expiresAt);
    return presigned("GET", () -> presigner.presignGetObject(p -> p.signatureDuration(lifetime).getObjectRequest(request)));
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
    return call("CreateMultipartUpload", () -> s3.createMultipartUpload(c -> c.bucket(bucket).key(key.value())
        .contentType(contentType.value()))).uploadId();
  }

  @Override
  public PresignedRequest presignPart(ObjectKey key, String uploadId, int partNumber, long contentLength,
      Instant expiresAt) {
    // Content-Length is a signed header: S3 refuses a part of any other length (403).
    UploadPartRequest request = UploadPartRequest.builder().bucket(bucket).key(key.value())
        .uploadId(uploadId).partNumber(partNumber).contentLength(contentLength).build();
    Duration lifetime = lifetime(expiresAt);
    return presigned("PUT", () -> presigner.presignUploadPart(p -> p.signatureDuration(lifetime).uploadPartRequest(request)));
  }

  @Override
  public List<StoredPart> listParts(ObjectKey key, String uploadId) {
    try {
      List<StoredPart> parts = s3.listPartsPaginator(l -> l.bucket(bucket).key(key.value()).uploadId(uploadId)).parts()
          .stream()
          .map(part -> new StoredPart(part.partNumber(), part.eTag(), part.size()))
          .sorted(Comparator.comparingInt(StoredPart::partNumber))
          .toList();
      // S3 answers NoSuchUpload for an unknown upload; some S3-compatible services answer no parts instead.
      if (parts.isEmpty() && !isInProgress(key, uploadId)) {
        throw new ConflictException("the multipart upload of " + key + " is gone (completed or aborted)");
      }
      return parts;
    } catch (AwsServiceException e) {
      if (isNoSuchUpload(e)) {
        throw new ConflictException("the multipart upload of " + key + " is gone (completed or aborted)");
      }
      throw unavailable("ListParts", e);
    } catch (SdkException e) {
      throw unavailable("ListParts", e);
    }
  }

  @Override
  public void completeMultipart(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    complete(key, uploadId, parts, true);
  }

  @Override
  public void completeReplacing(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    complete(key, uploadId, parts, false);
  }

  /** {@code createOnly}: signs {@code If-None-Match: *}, so the join never replaces an object. */
  private void complete(ObjectKey key, String uploadId, List<CompletedPart> parts, boolean createOnly) {
    CompletedMultipartUpload upload = CompletedMultipartUpload.builder()
        .parts(parts.stream()
            .map(part -> software.amazon.awssdk.services.s3.model.CompletedPart.builder()
                .partNumber(part.partNumber()).eTag(part.etag()).build())
            .toList())
        .build();
    try {
      s3.completeMultipartUpload(c -> c.bucket(bucket).key(key.value()).uploadId(uploadId).multipartUpload(upload)
          .ifNoneMatch(createOnly ? CREATE_ONLY : null)
          .overrideConfiguration(o -> o.apiCallTimeout(completeTimeout)));
    } catch (AwsServiceException e) {
      if (e.statusCode() == 412) {
        throw new ConflictException("an object exists already at " + key + "; an upload never replaces one");
      }
      // Some S3-compatible services answer InvalidPart, not NoSuchUpload, for an upload that is gone.
      if (isNoSuchUpload(e) || !isInProgress(key, uploadId)) {
        throw new ConflictException("the multipart upload of " + key + " is gone (completed or aborted)");
      }
      if (e.awsErrorDetails() != null && PART_ERRORS.contains(e.awsErrorDetails().errorCode())) {
        throw new InvalidInputException("parts", "object storage refused them: " + e.awsErrorDetails().errorCode());
      }
      throw unavailable("CompleteMultipartUpload", e);
    } catch (SdkException e) {
      throw unavailable("CompleteMultipartUpload", e);
    }
  }

  /**
   * UploadPartCopy with {@code x-amz-copy-source-range}: S3 copies the bytes itself, nothing passes
   * through this process.
   */
  @Override
  public StoredPart copyPart(ObjectKey key, String uploadId, int partNumber, ObjectKey source, long offset,
      long length) {
    if (offset < 0 || length < 1) {
      throw new IllegalArgumentException("no bytes " + offset + "+" + length + " to copy");
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try {
      String etag = s3.uploadPartCopy(c -> c.sourceBucket(bucket).sourceKey(source.value())
          .destinationBucket(bucket).destinationKey(key.value()).uploadId(uploadId).partNumber(partNumber)
          .copySourceRange(range)
          .overrideConfiguration(o -> o.apiCallTimeout(completeTimeout))).copyPartResult().eTag();
      return new StoredPart(partNumber, etag, length);
    } catch (AwsServiceException e) {
      if (isNoSuchUpload(e)) {
        throw new ConflictException("the multipart upload of " + key + " is gone (completed or aborted)");
      }
      if (e.statusCode() == 404 || e.statusCode() == 416) {
        throw new ConflictException("object " + source + " does not hold " + range);
      }
      throw unavailable("UploadPartCopy", e);
    } catch (SdkException e) {
      throw unavailable("UploadPartCopy", e);
    }
  }

  @Override
  public void abortMultipart(ObjectKey key, String uploadId) {
    try {
      s3.abortMultipartUpload(a -> a.bucket(bucket).key(key.value()).uploadId(uploadId));
    } catch (AwsServiceException e) {
      if (!isNoSuchUpload(e)) {
        throw unavailable("AbortMultipartUpload", e);
      }
    } catch (SdkException e) {
      throw unavailable("AbortMultipartUpload", e);
    }
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

  private boolean isInProgress(ObjectKey key, String uploadId) {
    return call("ListMultipartUploads", () -> s3.listMultipartUploadsPaginator(l -> l.bucket(bucket)
        .prefix(key.value())).uploads().stream()
        .anyMatch(upload -> upload.uploadId().equals(uploadId) && upload.key().equals(key.value())));
  }

  /** The expiry of the credentials that sign URLs, when the provider tells it (temporary credentials do). */
  @Override
  public Optional<Instant> credentialsExpiry() {
    try {
      return credentials.resolveCredentials().expirationTime();
    } catch (SdkException e) {
      throw new StorageUnavailableException("no AWS credentials to sign URLs with: " + e.getMessage(), e);
    }
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

  /**
   * Whole seconds, as SigV4 counts them, so a URL never outlives {@code expiresAt}. The signer dates
   * the URL a moment later, to the second rounded down: counted from now rounded up, the lifetime
   * ends by {@code expiresAt} even when that moment falls in the next second.
   */
  private Duration lifetime(Instant expiresAt) {
    Instant now = clock.instant();
    Instant nextSecond = now.truncatedTo(ChronoUnit.SECONDS).equals(now) ? now
        : now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Duration lifetime = Duration.ofSeconds(Duration.between(nextSecond, expiresAt).getSeconds());
    if (lifetime.getSeconds() < 1) {
      throw new StorageUnavailableException("cannot sign a URL that would expire within a second (at " + expiresAt + ")");
    }
    return lifetime;
  }

  private PresignedRequest presigned(String method,
      Supplier<? extends software.amazon.awssdk.awscore.presigner.PresignedRequest> presign) {
    software.amazon.awssdk.awscore.presigner.PresignedRequest signed;
    try {
      signed = presign.get();
    } catch (SdkException e) {
      throw new StorageUnavailableException("could not sign an S3 URL: " + e.getMessage(), e);
    }
    // The host header is implied by the URL; every other signed header is the client's to send.
    Map<String, String> headers = signed.signedHeaders().entrySet().stream()
        .filter(header -> !header.getKey().equalsIgnoreCase("host"))
        .collect(Collectors.toMap(header -> header.getKey().toLowerCase(Locale.ROOT),
            header -> String.join(",", header.getValue())));
    return new PresignedRequest(method, signed.url().toString(), headers, urlExpiry(signed));
  }

  /** When S3 stops taking the URL: its X-Amz-Date plus X-Amz-Expires, which the SDK's expiration() rounds otherwise. */
  private static Instant urlExpiry(software.amazon.awssdk.awscore.presigner.PresignedRequest signed) {
    String date = null;
    long seconds = -1;
    for (String parameter : signed.url().getQuery().split("&")) {
      if (parameter.startsWith("X-Amz-Date=")) {
        date = parameter.substring("X-Amz-Date=".length());
      } else if (parameter.startsWith("X-Amz-Expires=")) {
        seconds = Long.parseLong(parameter.substring("X-Amz-Expires=".length()));
      }
    }
    if (date == null || seconds < 0) {
      return signed.expiration();
    }
    return AMZ_DATE.parse(date, Instant::from).plusSeconds(seconds);
  }

  private <T> T call(String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (SdkException e) {
      throw unavailable(operation, e);
    }
  }

  private static boolean isNoSuchUpload(AwsServiceException e) {
    return e.awsErrorDetails() != null && "NoSuchUpload".equals(e.awsErrorDetails().errorCode());
  }

  private StorageUnavailableException unavailable(String operation, SdkException e) {
    String what = e instanceof AwsServiceException service
        ? (service.awsErrorDetails() != null && service.awsErrorDetails().errorCode() != null
            ? service.awsErrorDetails().errorCode() : "HTTP " + service.statusCode())
        : e.getClass().getSimpleName();
    return new StorageUnavailableException("object storage failed (S3 " + operation + " on bucket " + bucket + ": "
        + what + ")", e);
  }
}
