package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.testing.InMemoryRecordingRepository;
import io.chatvideo.recording.core.testing.InMemoryUploadLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Temporary credentials cap the lifetime of the URLs they sign; signing needs no network. */
class CredentialsExpiryTest {

  private static final AwsSettings SETTINGS = AwsSettings.of("eu-west-1", "acme-recordings", "recordings");
  private static final RequestUploadCommand UPLOAD = new RequestUploadCommand(UserId.of("alice@example.com"),
      RoomId.of("room-1"), Optional.empty(), ContentType.DEFAULT, OptionalLong.of(100), Set.of());

  @Test
  void sessionCredentialsThatExpireInTenMinutesCapAThirtyMinuteUploadUrl() {
    Instant expiry = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
    try (AwsBackend aws = AwsBackend.create(SETTINGS, session(expiry))) {
      Recordings recordings = Recordings.builder().repository(new InMemoryRecordingRepository())
          .ledger(new InMemoryUploadLedger())
          .storage(aws.storage()).build();

      UploadTicket ticket = recordings.requestUpload().requestUpload(UPLOAD);

      assertThat(aws.storage().credentialsExpiry()).contains(expiry);
      assertThat(ticket.upload().expiresAt()).isBeforeOrEqualTo(expiry).isAfter(expiry.minusSeconds(5));
      Map<String, String> query = S3ObjectStorageIT.query(ticket.upload().uri());
      Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
          .parse(query.get("X-Amz-Date"), Instant::from);
      assertThat(ticket.upload().expiresAt()).as("the expiry S3 applies, to the second")
          .isEqualTo(signedAt.plusSeconds(Long.parseLong(query.get("X-Amz-Expires"))));
      assertThat(ticket.expiresIn()).isLessThanOrEqualTo(Duration.ofMinutes(10));
      assertThat(Long.parseLong(S3ObjectStorageIT.query(ticket.upload().uri()).get("X-Amz-Expires")))
          .isLessThanOrEqualTo(600);
      assertThat(S3ObjectStorageIT.query(ticket.upload().uri())).containsEntry("X-Amz-Security-Token", "session-token");
    }
  }

  @Test
  void expiredSessionCredentialsSignNothing() {
    try (AwsBackend aws = AwsBackend.create(SETTINGS, session(Instant.now().minusSeconds(1)))) {
      Recordings recordings = Recordings.builder().repository(new InMemoryRecordingRepository())
          .ledger(new InMemoryUploadLedger())
          .storage(aws.storage()).build();

      assertThatThrownBy(() -> recordings.requestUpload().requestUpload(UPLOAD))
          .isInstanceOf(StorageUnavailableException.class)
          .hasMessageContaining("credentials have expired");
    }
  }

  @Test
  void longTermCredentialsLeaveTheDefaultLifetime() {
    AwsCredentialsProvider basic = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "secret"));
    try (AwsBackend aws = AwsBackend.create(SETTINGS, basic)) {
      Recordings recordings = Recordings.builder().repository(new InMemoryRecordingRepository())
          .ledger(new InMemoryUploadLedger())
          .storage(aws.storage()).build();

      UploadTicket ticket = recordings.requestUpload().requestUpload(UPLOAD);

      assertThat(aws.storage().credentialsExpiry()).isEmpty();
      assertThat(ticket.expiresIn()).isEqualTo(Duration.ofMinutes(30));
      assertThat(ticket.upload().uri().getHost()).isEqualTo("acme-recordings.s3.eu-west-1.amazonaws.com");
    }
  }

  private static AwsCredentialsProvider session(Instant expiry) {
    return StaticCredentialsProvider.create(AwsSessionCredentials.builder()
        .accessKeyId("ASIAEXAMPLE").secretAccessKey("secret").sessionToken("session-token")
        .expirationTime(expiry).build());
  }
}
