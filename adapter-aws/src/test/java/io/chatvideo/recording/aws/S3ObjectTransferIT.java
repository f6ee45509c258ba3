package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.port.out.ObjectStorage;
import io.chatvideo.recording.core.testing.ObjectTransferContract;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The contract against S3Proxy, in a bucket of its own, with the PUTs the adapter sends kept to look at. */
@ExtendWith(AwsStandIns.class)
class S3ObjectTransferIT extends ObjectTransferContract {

  private static final String BUCKET = "s3-transfer-it";
  private static final List<SdkHttpRequest> PUTS = new CopyOnWriteArrayList<>();

  private static S3Client s3;
  private static S3Presigner presigner;
  private static S3ObjectStorage storage;

  @BeforeAll
  static void connect() {
    s3 = AwsStandIns.s3Client(new PutWatch());
    presigner = AwsStandIns.s3Presigner();
    s3.createBucket(c -> c.bucket(BUCKET));
    storage = new S3ObjectStorage(s3, presigner, AwsStandIns.credentials(), BUCKET, Duration.ofSeconds(10));
  }

  @AfterAll
  static void close() {
    presigner.close();
    s3.close();
  }

  @BeforeEach
  void forgetPuts() {
    PUTS.clear();
  }

  @Override
  protected ObjectStorage storage() {
    return storage;
  }

  @Test
  void theContentTypeIsStoredWithTheObject() throws IOException {
    ObjectKey key = newKey();

    storage.write(key, MP4, file("rendition.mp4", bytes(2_000, 1)));

    assertThat(s3.headObject(h -> h.bucket(BUCKET).key(key.value())).contentType()).isEqualTo(MP4.value());
  }

  @Test
  void writeAndReadAnswerTheSha256OfTheBytesMoved() throws IOException {
    ObjectKey key = newKey();
    byte[] bytes = bytes(5_000, 2);

    assertThat(storage.write(key, WEBM, file("source", bytes)).sha256()).contains(sha256(bytes));
    assertThat(storage.read(key, files.resolve("target"))).hasValueSatisfying(read ->
        assertThat(read.sha256()).contains(sha256(bytes)));
    assertThat(PUTS).as("one PutObject, which S3 applies whole").hasSize(1);
  }

  /** A sparse file: past the bound in size, nothing on disk to speak of. */
  @Test
  void aFileLargerThanOnePutTakesIsRefusedBeforeAnythingIsSent() throws IOException {
    ObjectKey key = newKey();
    Path huge = files.resolve("huge");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(5 * SizePolicy.GiB + 1);
    }

    assertThatThrownBy(() -> storage.write(key, WEBM, huge))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("5 GiB");
    assertThat(PUTS).isEmpty();
    assertThat(storage.head(key)).isEmpty();
  }

  private static final class PutWatch implements ExecutionInterceptor {

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (context.request() instanceof PutObjectRequest) {
        PUTS.add(context.httpRequest());
      }
    }
  }
}
