package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.testing.TestRecordings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension other modules use: loopback endpoints, and stops and restarts that keep the data. */
@ExtendWith(AwsStandIns.class)
class AwsStandInsIT {

  private String name;
  private AwsBackend aws;

  @BeforeEach
  void bootstrap() {
    name = "standins-" + UUID.randomUUID().toString().substring(0, 8);
    aws = AwsBackend.create(AwsStandIns.settings(name, name), AwsStandIns.credentials());
    aws.infrastructure().bootstrap(Duration.ofDays(30), List.of());
  }

  @AfterEach
  void close() {
    aws.close();
    AwsStandIns.deleteTable(name);
  }

  @Test
  void bothStandInsListenOnLoopbackOnPortsChosenAtStart() {
    assertThat(AwsStandIns.s3Endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(AwsStandIns.dynamoDbEndpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(AwsStandIns.s3Endpoint().getPort()).isPositive().isNotEqualTo(AwsStandIns.dynamoDbEndpoint().getPort());
    assertThat(AwsStandIns.settings("some-bucket", "some_table").pathStyle()).isTrue();
  }

  @Test
  void aStoppedDynamoDbIsStorageUnavailableAndTheRestartedOneStillHasTheRecording() {
    PendingRecording pending = TestRecordings.pending("alice@example.com", "room-1", Instant.now());
    aws.repository().insert(pending);

    AwsStandIns.stopDynamoDb();
    try {
      assertThatThrownBy(() -> aws.repository().find(pending.id())).isInstanceOf(StorageUnavailableException.class);
    } finally {
      AwsStandIns.restartDynamoDb();
    }

    assertThat(aws.repository().find(pending.id())).contains(pending);
  }

  @Test
  void aStoppedS3IsStorageUnavailableAndTheRestartedOneStillHasTheObject() {
    ObjectKey key = S3ObjectStorageIT.newKey();
    assertThat(PresignedHttp.send(aws.storage().presignPut(key, ContentType.DEFAULT, OptionalLong.empty(),
        S3ObjectStorageIT.inMinutes(5)), S3ObjectStorageIT.bytes(10)).statusCode()).isEqualTo(200);

    AwsStandIns.stopS3();
    try {
      assertThatThrownBy(() -> aws.storage().head(key)).isInstanceOf(StorageUnavailableException.class);
    } finally {
      AwsStandIns.restartS3();
    }

    assertThat(aws.storage().head(key)).isPresent();
  }
}
