package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

  @Test
  void ofMeansAwsItselfWithVirtualHostsAndATimeout() {
    AwsSettings settings = AwsSettings.of("eu-west-1", "acme-recordings", "recordings");

    assertThat(settings.s3Endpoint()).isEmpty();
    assertThat(settings.dynamoDbEndpoint()).isEmpty();
    assertThat(settings.pathStyle()).isFalse();
    assertThat(settings.apiCallTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aQueueIsOptionalAndCheckedWhenGiven() {
    AwsSettings settings = AwsSettings.of("eu-west-1", "acme-recordings", "recordings");

    assertThat(settings.queue()).isEmpty();
    assertThat(settings.withQueue("recording-jobs", Optional.of(URI.create("http://127.0.0.1:9324"))).queue())
        .contains("recording-jobs");
    assertThatThrownBy(() -> settings.withQueue("jobs.fifo", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQS queue name 'jobs.fifo'");
    assertThatThrownBy(() -> settings.withQueue("j".repeat(76), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 75 characters");
    assertThatThrownBy(() -> settings.withQueue("jobs", Optional.of(URI.create("ftp://host"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SQS endpoint");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "acme.recordings-2026", "a1-b2.c3", "123abc"})
  void validBucketNamesAreAccepted(String bucket) {
    assertThat(AwsSettings.of("us-east-1", bucket, "recordings").bucket()).isEqualTo(bucket);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ab|must be 3 to 63 characters",
      "Acme|must be 3 to 63 characters",
      "acme_recordings|must be 3 to 63 characters",
      "-acme|must be 3 to 63 characters",
      "acme.|must be 3 to 63 characters",
      "acme..recordings|must not have '..'",
      "acme.-recordings|must not have '..'",
      "192.168.1.20|must not look like an IP address",
      "xn--acme|must not begin with xn--",
      "acme-s3alias|must not end with a suffix S3 reserves"})
  void invalidBucketNamesAreRefusedSayingWhy(String bucket, String reason) {
    assertThatThrownBy(() -> AwsSettings.of("us-east-1", bucket, "recordings"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("S3 bucket name '" + bucket + "'")
        .hasMessageContaining(reason);
  }

  @Test
  void aBucketNameOfSixtyFourCharactersIsRefused() {
    assertThatThrownBy(() -> AwsSettings.of("us-east-1", "a".repeat(64), "recordings"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 to 63 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "rec ordings", "recordings/2026", "récordings"})
  void invalidTableNamesAreRefusedSayingWhy(String table) {
    assertThatThrownBy(() -> AwsSettings.of("us-east-1", "acme-recordings", table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DynamoDB table name '" + table + "' must be 3 to 255 characters");
  }

  @Test
  void aTableNameOfTwoHundredFiftyFiveCharactersIsAccepted() {
    assertThat(AwsSettings.of("us-east-1", "acme-recordings", "t".repeat(255)).table()).hasSize(255);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void aBlankRegionIsRefused(String region) {
    assertThatThrownBy(() -> AwsSettings.of(region, "acme-recordings", "recordings"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("AWS region is required, e.g. us-east-1");
  }

  @Test
  void aRegionThatIsNotARegionNameIsRefused() {
    assertThatThrownBy(() -> AwsSettings.of("EU West", "acme-recordings", "recordings"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a region name like us-east-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:9000", "ftp://minio.internal", "http://user:secret@minio.internal:9000",
      "https://minio.internal?x=1"})
  void anEndpointThatIsNotAPlainHttpUrlIsRefusedWithoutEchoingSecrets(String endpoint) {
    assertThatThrownBy(() -> new AwsSettings("us-east-1", "acme-recordings", "recordings",
        Optional.of(URI.create(endpoint)), Optional.empty(), true, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("S3 endpoint")
        .hasMessageNotContaining("secret");
  }

  @Test
  void aNonPositiveTimeoutIsRefused() {
    assertThatThrownBy(() -> new AwsSettings("us-east-1", "acme-recordings", "recordings", Optional.empty(),
        Optional.empty(), false, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be positive");
  }
}
