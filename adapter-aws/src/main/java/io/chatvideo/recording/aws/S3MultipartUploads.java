package io.chatvideo.recording.aws;

import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.StoredPart;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;

/**
 * The multipart uploads of an {@link S3ObjectStorage}: S3 keeps the parts, this class does the
 * bookkeeping calls and turns S3's answers (and those of S3-compatible services, which differ) into
 * the core's conflicts and refusals.
 */
record S3MultipartUploads(S3Client s3, String bucket, Duration completeTimeout, S3ObjectStorage store) {

  /** S3 may take minutes to join a large upload's parts; the usual call bound would cut it off. */
  private static final Duration MIN_COMPLETE_TIMEOUT = Duration.ofMinutes(2);
  private static final Set<String> PART_ERRORS = Set.of("InvalidPart", "InvalidPartOrder", "EntityTooSmall");

  /** The bound of the calls that join or copy parts: the usual one, but never under two minutes. */
  static Duration completeTimeout(Duration apiCallTimeout) {
    return apiCallTimeout.compareTo(MIN_COMPLETE_TIMEOUT) > 0 ? apiCallTimeout : MIN_COMPLETE_TIMEOUT;
  }

  String startMultipart(ObjectKey key, ContentType contentType) {
    return store.call("CreateMultipartUpload", () -> s3.createMultipartUpload(c -> c.bucket(bucket).key(key.value())
        .contentType(contentType.value()))).uploadId();
  }

  List<StoredPart> listParts(ObjectKey key, String uploadId) {
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
      throw store.unavailable("ListParts", e);
    } catch (SdkException e) {
      throw store.unavailable("ListParts", e);
    }
  }

  void completeMultipart(ObjectKey key, String uploadId, List<CompletedPart> parts) {
    complete(key, uploadId, parts, true);
  }

  void completeReplacing(ObjectKey key, String uploadId, List<CompletedPart> parts) {
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
          .ifNoneMatch(createOnly ? S3ObjectStorage.CREATE_ONLY : null)
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
      throw store.unavailable("CompleteMultipartUpload", e);
    } catch (SdkException e) {
      throw store.unavailable("CompleteMultipartUpload", e);
    }
  }

  /**
   * UploadPartCopy with {@code x-amz-copy-source-range}: S3 copies the bytes itself, nothing passes
   * through this process.
   */
  StoredPart copyPart(ObjectKey key, String uploadId, int partNumber, ObjectKey source, long offset,
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
      throw store.unavailable("UploadPartCopy", e);
    } catch (SdkException e) {
      throw store.unavailable("UploadPartCopy", e);
    }
  }

  void abortMultipart(ObjectKey key, String uploadId) {
    try {
      s3.abortMultipartUpload(a -> a.bucket(bucket).key(key.value()).uploadId(uploadId));
    } catch (AwsServiceException e) {
      if (!isNoSuchUpload(e)) {
        throw store.unavailable("AbortMultipartUpload", e);
      }
    } catch (SdkException e) {
      throw store.unavailable("AbortMultipartUpload", e);
    }
  }

  private boolean isInProgress(ObjectKey key, String uploadId) {
    return store.call("ListMultipartUploads", () -> s3.listMultipartUploadsPaginator(l -> l.bucket(bucket)
        .prefix(key.value())).uploads().stream()
        .anyMatch(upload -> upload.uploadId().equals(uploadId) && upload.key().equals(key.value())));
  }

  private static boolean isNoSuchUpload(AwsServiceException e) {
    return e.awsErrorDetails() != null && "NoSuchUpload".equals(e.awsErrorDetails().errorCode());
  }
}
