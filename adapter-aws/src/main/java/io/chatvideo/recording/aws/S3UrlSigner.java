package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.Filename;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The presigned URLs of an {@link S3ObjectStorage}, each with the headers its signature covers and
 * the moment S3 stops taking it.
 */
final class S3UrlSigner {

  /** SigV4's X-Amz-Date. */
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);

  private final S3Presigner presigner;
  private final AwsCredentialsProvider credentials;
  private final String bucket;
  // The SDK signs with the system clock, so durations are measured against it too.
  private final Clock clock = Clock.systemUTC();

  S3UrlSigner(S3Presigner presigner, AwsCredentialsProvider credentials, String bucket) {
    this.presigner = presigner;
    this.credentials = credentials;
    this.bucket = bucket;
  }

  PresignedRequest presignPut(ObjectKey key, ContentType contentType, OptionalLong contentLength,
      Instant expiresAt) {
    PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(key.value())
        .contentType(contentType.value())
        .ifNoneMatch(S3ObjectStorage.CREATE_ONLY);
    contentLength.ifPresent(put::contentLength);
    PutObjectRequest request = put.build();
    Duration lifetime = lifetime(expiresAt);
    return presigned("PUT", () -> presigner.presignPutObject(p -> p.signatureDuration(lifetime).putObjectRequest(request)));
  }

  PresignedRequest presignGet(ObjectKey key, ContentType contentType, Filename filename, Instant expiresAt) {
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
  PresignedRequest presignInline(ObjectKey key, ContentType contentType, Instant expiresAt) {
    GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key.value())
        .responseContentType(contentType.value())
        .responseContentDisposition("inline")
        .responseCacheControl("private")
        .build();
    Duration lifetime = lifetime(expiresAt);
    return presigned("GET", () -> presigner.presignGetObject(p -> p.signatureDuration(lifetime).getObjectRequest(request)));
  }

  PresignedRequest presignPart(ObjectKey key, String uploadId, int partNumber, long contentLength,
      Instant expiresAt) {
    // Content-Length is a signed header: S3 refuses a part of any other length (403).
    UploadPartRequest request = UploadPartRequest.builder().bucket(bucket).key(key.value())
        .uploadId(uploadId).partNumber(partNumber).contentLength(contentLength).build();
    Duration lifetime = lifetime(expiresAt);
    return presigned("PUT", () -> presigner.presignUploadPart(p -> p.signatureDuration(lifetime).uploadPartRequest(request)));
  }

  /** The expiry of the credentials that sign URLs, when the provider tells it (temporary credentials do). */
  Optional<Instant> credentialsExpiry() {
    try {
      return credentials.resolveCredentials().expirationTime();
    } catch (SdkException e) {
      throw new StorageUnavailableException("no AWS credentials to sign URLs with: " + e.getMessage(), e);
    }
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
}
