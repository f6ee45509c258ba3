package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ObjectKey;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Multipart completion is a conditional write ({@code If-None-Match: *}). S3Proxy 2.6.0 ignores
 * the condition (it completes over an existing object), so these tests look at the request the
 * adapter sends, and answer one completion the way S3 does when the object exists (412).
 */
@ExtendWith(AwsStandIns.class)
class S3ConditionalWritesIT {

  private static final ContentType WEBM = ContentType.parse("video/webm");

  private final List<SdkHttpRequest> completions = new CopyOnWriteArrayList<>();
  private volatile boolean answerPreconditionFailed;
  private String bucket;
  private S3Client s3;
  private S3Presigner presigner;
  private S3ObjectStorage storage;

  @BeforeEach
  void connect() {
    bucket = "conditional-" + UUID.randomUUID().toString().substring(0, 8);
    s3 = AwsStandIns.s3Client(new CompletionWatch());
    presigner = AwsStandIns.s3Presigner();
    s3.createBucket(c -> c.bucket(bucket));
    storage = new S3ObjectStorage(s3, presigner, AwsStandIns.credentials(), bucket, Duration.ofSeconds(10));
  }

  @AfterEach
  void close() {
    presigner.close();
    s3.close();
  }

  @Test
  void aMultipartCompletionAsksS3ToCreateTheObjectOnlyIfItDoesNotExist() {
    ObjectKey key = S3ObjectStorageIT.newKey();
    String uploadId = storage.startMultipart(key, WEBM);

    storage.completeMultipart(key, uploadId, List.of(uploadPart(key, uploadId)));

    assertThat(completions).singleElement()
        .satisfies(request -> assertThat(request.firstMatchingHeader("If-None-Match")).contains("*"));
  }

  @Test
  void aCompletionRefusedBecauseTheObjectExistsIsAConflict() {
    ObjectKey key = S3ObjectStorageIT.newKey();
    String uploadId = storage.startMultipart(key, WEBM);
    CompletedPart part = uploadPart(key, uploadId);
    answerPreconditionFailed = true;

    assertThatThrownBy(() -> storage.completeMultipart(key, uploadId, List.of(part)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("exists already");
  }

  private CompletedPart uploadPart(ObjectKey key, String uploadId) {
    HttpResponse<byte[]> response = PresignedHttp.send(
        storage.presignPart(key, uploadId, 1, 100, S3ObjectStorageIT.inMinutes(5)), S3ObjectStorageIT.bytes(100));
    assertThat(response.statusCode()).isEqualTo(200);
    return new CompletedPart(1, response.headers().firstValue("etag").orElseThrow());
  }

  /** Records each CompleteMultipartUpload request; answers it 412 PreconditionFailed when asked to. */
  private final class CompletionWatch implements ExecutionInterceptor {

    private static final String PRECONDITION_FAILED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error>"
        + "<Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold"
        + "</Message><Condition>If-None-Match</Condition></Error>";

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (context.request() instanceof CompleteMultipartUploadRequest) {
        completions.add(context.httpRequest());
      }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      if (!refuses(context)) {
        return context.httpResponse();
      }
      return context.httpResponse().toBuilder().statusCode(412).statusText("Precondition Failed")
          .headers(Map.of("Content-Type", List.of("application/xml"))).build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
        ExecutionAttributes attributes) {
      if (!refuses(context)) {
        return context.responseBody();
      }
      return Optional.of(new ByteArrayInputStream(PRECONDITION_FAILED.getBytes(StandardCharsets.UTF_8)));
    }

    private boolean refuses(Context.ModifyHttpResponse context) {
      return answerPreconditionFailed && context.request() instanceof CompleteMultipartUploadRequest;
    }
  }
}
