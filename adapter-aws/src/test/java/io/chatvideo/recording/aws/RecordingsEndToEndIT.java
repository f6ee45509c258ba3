package io.chatvideo.recording.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.aws.testing.AwsStandIns;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.PartialReason;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase.ListRecordingsQuery;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.MultipartTicket;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartUpload;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartLength;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.SignPartsCommand;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.StartMultipartCommand;
import io.chatvideo.recording.core.port.in.RecordingPage;
import io.chatvideo.recording.core.port.in.RecordingView;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.in.SweepUseCase.SweepReport;
import io.chatvideo.recording.core.domain.CompletedPart;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The core's use cases wired to this backend, against the stand-ins, as an embedding service would. */
@ExtendWith(AwsStandIns.class)
class RecordingsEndToEndIT {

  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final UserId BOB = UserId.of("bob@example.com");
  private static final RoomId ROOM = RoomId.of("room-e2e");
  private static final ContentType WEBM = ContentType.parse("video/webm;codecs=vp8,opus");

  private String name;
  private AwsBackend aws;
  private Recordings recordings;

  @BeforeEach
  void bootstrap() {
    name = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    aws = AwsBackend.create(AwsStandIns.settings(name, name), AwsStandIns.credentials());
    aws.infrastructure().bootstrap(Duration.ofDays(30), List.of());
    recordings = Recordings.builder().repository(aws.repository()).storage(aws.storage()).ledger(aws.ledger()).build();
  }

  @AfterEach
  void close() {
    aws.close();
    AwsStandIns.deleteTable(name);
  }

  @Test
  void anUploadThroughThePresignedUrlIsCompletedListedAndDownloadedByteForByte() {
    byte[] video = S3ObjectStorageIT.bytes(64 * 1024);
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.of("Standup \"Monday\".webm"), WEBM, OptionalLong.of(video.length), Set.of(BOB)));

    HttpResponse<byte[]> put = PresignedHttp.send(ticket.upload(), video);
    CompletedRecording completed = recordings.completeUpload().complete(new CompleteUploadCommand(ALICE,
        ticket.recordingId(), Optional.empty(), Optional.of(Duration.ofSeconds(42))));
    RecordingPage alicesPage = recordings.listRecordings().list(new ListRecordingsQuery(ALICE, Optional.empty(), 10,
        Optional.empty()));
    RecordingPage bobsRoomPage = recordings.listRecordings().list(new ListRecordingsQuery(BOB, Optional.of(ROOM), 10,
        Optional.empty()));

    assertThat(ticket.upload().headers()).containsOnlyKeys("content-type", "content-length", "if-none-match");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(completed.storedSize()).isEqualTo(video.length);
    assertThat(alicesPage.recordings()).extracting(view -> view.recording().id()).containsExactly(ticket.recordingId());
    assertThat(bobsRoomPage.recordings()).extracting(view -> view.recording().id()).containsExactly(ticket.recordingId());
    RecordingView view = bobsRoomPage.recordings().get(0);
    HttpResponse<byte[]> download = PresignedHttp.send(view.download().orElseThrow(), null);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(video);
    assertThat(download.headers().firstValue("content-disposition"))
        .contains("attachment; filename=\"Standup Monday.webm\"; filename*=UTF-8''Standup%20Monday.webm");
  }

  @Test
  void aProgressiveUploadOfThreePartsIsJoinedAndDownloadedWhole() {
    MultipartTicket ticket = recordings.multipartUpload().start(new StartMultipartCommand(ALICE, ROOM,
        Optional.empty(), WEBM, Set.of()));
    List<byte[]> parts = List.of(S3ObjectStorageIT.bytes((int) ticket.minPartSize()),
        S3ObjectStorageIT.bytes((int) ticket.minPartSize() + 1), S3ObjectStorageIT.bytes(4321));

    List<PartUpload> urls = recordings.multipartUpload().signParts(new SignPartsCommand(ALICE, ticket.recordingId(),
        List.of(new PartLength(1, parts.get(0).length), new PartLength(2, parts.get(1).length),
            new PartLength(3, parts.get(2).length))));
    List<CompletedPart> uploaded = new ArrayList<>();
    for (PartUpload url : urls) {
      HttpResponse<byte[]> response = PresignedHttp.send(url.upload(), parts.get(url.partNumber() - 1));
      assertThat(response.statusCode()).isEqualTo(200);
      uploaded.add(new CompletedPart(url.partNumber(), response.headers().firstValue("etag").orElseThrow()));
    }
    assertThat(recordings.multipartUpload().storedParts(ALICE, ticket.recordingId())).hasSize(3);
    CompletedRecording completed = recordings.completeUpload().complete(new CompleteUploadCommand(ALICE,
        ticket.recordingId(), Optional.of(uploaded), Optional.empty()));

    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    parts.forEach(whole::writeBytes);
    assertThat(completed.storedSize()).isEqualTo(whole.size());
    RecordingView view = recordings.getRecording().get(ALICE, ticket.recordingId());
    assertThat(PresignedHttp.send(view.download().orElseThrow(), null).body()).isEqualTo(whole.toByteArray());
  }

  @Test
  void deletingARecordingRemovesItsObjectAndItsMetadata() {
    byte[] video = S3ObjectStorageIT.bytes(100);
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.empty(), WEBM, OptionalLong.of(video.length), Set.of()));
    PresignedHttp.send(ticket.upload(), video);
    recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(), Optional.empty(),
        Optional.empty()));

    recordings.deleteRecording().delete(ALICE, ticket.recordingId());

    assertThat(aws.storage().head(ticket.objectKey())).isEmpty();
    assertThat(aws.repository().find(ticket.recordingId())).isEmpty();
    assertThatThrownBy(() -> recordings.getRecording().get(ALICE, ticket.recordingId()))
        .isInstanceOf(RecordingNotFoundException.class);
  }

  @Test
  void theSweepCompletesAMultipartUploadWhoseClientNeverCameBackWithItsPartsAndAbortsOneWithNone() {
    MultipartTicket gone = recordings.multipartUpload().start(new StartMultipartCommand(ALICE, ROOM,
        Optional.empty(), WEBM, Set.of()));
    byte[] first = S3ObjectStorageIT.bytes(5 * 1024 * 1024);
    byte[] second = S3ObjectStorageIT.bytes(1000);
    List<PartUpload> parts = recordings.multipartUpload().signParts(new SignPartsCommand(ALICE, gone.recordingId(),
        List.of(new PartLength(1, first.length), new PartLength(2, second.length))));
    assertThat(PresignedHttp.send(parts.get(0).upload(), first).statusCode()).isEqualTo(200);
    assertThat(PresignedHttp.send(parts.get(1).upload(), second).statusCode()).isEqualTo(200);
    MultipartTicket empty = recordings.multipartUpload().start(new StartMultipartCommand(ALICE, ROOM,
        Optional.empty(), WEBM, Set.of()));
    Recordings twoDaysLater = Recordings.builder().repository(aws.repository()).storage(aws.storage())
        .ledger(aws.ledger())
        .clock(Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC)).build();

    SweepReport report = twoDaysLater.sweep().sweep();

    assertThat(report.salvaged()).isEqualTo(1);
    assertThat(report.abandonedRemoved()).isEqualTo(1);
    assertThat(aws.repository().find(gone.recordingId())).hasValueSatisfying(recording -> {
      assertThat(recording).isInstanceOf(CompletedRecording.class);
      assertThat(((CompletedRecording) recording).partial()).contains(PartialReason.CLIENT_GONE);
      assertThat(((CompletedRecording) recording).storedSize()).isEqualTo(first.length + second.length);
    });
    assertThat(aws.storage().head(gone.objectKey())).hasValueSatisfying(stored ->
        assertThat(stored.size()).isEqualTo(first.length + second.length));
    assertThatThrownBy(() -> aws.storage().listParts(gone.objectKey(), gone.uploadId()))
        .as("the upload was completed").isInstanceOf(ConflictException.class);
    assertThat(aws.repository().find(empty.recordingId())).isEmpty();
    assertThatThrownBy(() -> aws.storage().listParts(empty.objectKey(), empty.uploadId()))
        .as("the upload with no part was aborted").isInstanceOf(ConflictException.class);
  }
}
