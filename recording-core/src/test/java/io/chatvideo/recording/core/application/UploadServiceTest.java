package io.chatvideo.recording.core.application;

import static io.chatvideo.recording.core.application.CoreFixture.ALICE;
import static io.chatvideo.recording.core.application.CoreFixture.BOB;
import static io.chatvideo.recording.core.application.CoreFixture.MALLORY;
import static io.chatvideo.recording.core.application.CoreFixture.ROOM;
import static io.chatvideo.recording.core.application.CoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ForbiddenException;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StorageUnavailableException;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.MultipartTicket;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartUpload;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartLength;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.SignPartsCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.domain.CompletedPart;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UploadServiceTest {

  private final CoreFixture core = new CoreFixture();

  @Test
  void anUploadTicketSignsContentTypeAndLengthForThirtyMinutes() {
    UploadTicket ticket = core.requestUpload(ALICE, 1234);

    assertThat(ticket.expiresIn()).isEqualTo(Duration.ofMinutes(30));
    assertThat(ticket.upload().method()).isEqualTo("PUT");
    assertThat(ticket.upload().headers())
        .containsEntry("Content-Type", "video/webm")
        .containsEntry("Content-Length", "1234");
    assertThat(ticket.objectKey().value()).isEqualTo("recordings/room-1/20260501-120000-" + ticket.recordingId()
        + "-recording.webm");
    PendingRecording stored = (PendingRecording) core.repository.find(ticket.recordingId()).orElseThrow();
    assertThat(stored.details().owner()).isEqualTo(ALICE);
    assertThat(stored.details().expiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
    assertThat(stored.details().filename().value()).isEqualTo("call.webm");
  }

  @Test
  void aRecordingWithoutAFilenameIsNamedAfterRoomAndTime() {
    UploadTicket ticket = core.recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.empty(), ContentType.parse("video/mp4"), OptionalLong.empty(), Set.of()));
    assertThat(core.repository.find(ticket.recordingId()).orElseThrow().details().filename().value())
        .isEqualTo("recording-room-1-20260501-120000.mp4");
  }

  @Test
  void aSizeOverTheMaximumIsInvalidInputOnSize() {
    assertThatThrownBy(() -> core.requestUpload(ALICE, 1_000_001))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("size"));
    assertThat(core.storage.signed()).isEmpty();
  }

  @Test
  void completingWithoutAnUploadedObjectIsAConflict() {
    UploadTicket ticket = core.requestUpload(ALICE, 10);
    assertThatThrownBy(() -> complete(ALICE, ticket))
        .isInstanceOf(ConflictException.class).hasMessageContaining("nothing has been uploaded");
    assertThat(core.repository.find(ticket.recordingId()).orElseThrow().status()).isEqualTo(RecordingStatus.PENDING);
  }

  @Test
  void completionRecordsTheStoredSize() {
    UploadTicket ticket = core.requestUpload(ALICE, 10);
    core.storage.put(ticket.objectKey(), new byte[7]);
    core.clock.advance(Duration.ofSeconds(20));

    CompletedRecording done = complete(ALICE, ticket);

    assertThat(done.storedSize()).isEqualTo(7);
    assertThat(done.completedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(core.repository.find(ticket.recordingId())).contains(done);
  }

  @Test
  void anObjectLargerThanDeclaredIsRejectedAndDeleted() {
    UploadTicket ticket = core.requestUpload(ALICE, 10);
    core.storage.put(ticket.objectKey(), new byte[11]);

    assertThatThrownBy(() -> complete(ALICE, ticket)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("11 bytes, more than the allowed 10");
    assertThat(core.storage.object(ticket.objectKey())).isEmpty();
    assertThat(core.repository.find(ticket.recordingId()).orElseThrow().status()).isEqualTo(RecordingStatus.PENDING);
  }

  @Test
  void anUndeclaredSizeIsBoundByTheSinglePutMaximum() {
    UploadTicket ticket = core.recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.empty(), ContentType.DEFAULT, OptionalLong.empty(), Set.of()));
    assertThat(ticket.upload().headers()).doesNotContainKey("Content-Length");
    core.storage.put(ticket.objectKey(), new byte[1_000_001]);
    assertThatThrownBy(() -> complete(ALICE, ticket)).isInstanceOf(ConflictException.class);
    assertThat(core.storage.object(ticket.objectKey())).isEmpty();
  }

  @Test
  void completingTwiceAnswersTheSameRecording() {
    UploadTicket ticket = core.requestUpload(ALICE, 3);
    core.storage.put(ticket.objectKey(), new byte[3]);
    CompletedRecording first = complete(ALICE, ticket);
    core.clock.advance(Duration.ofMinutes(1));
    assertThat(complete(ALICE, ticket)).isEqualTo(first);
  }

  @Test
  void anotherUserCannotCompleteAndCannotTellTheRecordingExists() {
    UploadTicket ticket = core.requestUpload(ALICE, 3);
    core.storage.put(ticket.objectKey(), new byte[3]);
    assertThatThrownBy(() -> complete(MALLORY, ticket)).isInstanceOf(RecordingNotFoundException.class);
  }

  @Test
  void aParticipantMaySeeButNotComplete() {
    UploadTicket ticket = core.requestUpload(ALICE, 3, BOB);
    core.storage.put(ticket.objectKey(), new byte[3]);
    assertThatThrownBy(() -> complete(BOB, ticket)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void anExpiredRecordingCannotBeCompleted() {
    UploadTicket ticket = core.requestUpload(ALICE, 3);
    core.storage.put(ticket.objectKey(), new byte[3]);
    core.clock.advance(Duration.ofDays(30));
    assertThatThrownBy(() -> complete(ALICE, ticket)).isInstanceOf(RecordingNotFoundException.class);
  }

  @Test
  void anUnreachableStoreIsStorageUnavailable() {
    core.storage.goOffline();
    assertThatThrownBy(() -> core.requestUpload(ALICE, 3)).isInstanceOf(StorageUnavailableException.class);
  }

  @Test
  void uploadUrlsStopWhereTheSigningCredentialsDo() {
    core.storage.credentialsExpireAt(T0.plus(Duration.ofMinutes(5)));
    assertThat(core.requestUpload(ALICE, 3).expiresIn()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aMultipartUploadJoinsItsPartsInOrder() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    assertThat(ticket.minPartSize()).isEqualTo(SizePolicy.MIN_PART_BYTES);
    List<PartUpload> urls = core.recordings.multipartUpload().signParts(
        new SignPartsCommand(ALICE, ticket.recordingId(), List.of(part(1, SizePolicy.MIN_PART_BYTES), part(2, 100))));
    assertThat(urls).extracting(PartUpload::partNumber).containsExactly(1, 2);
    byte[] first = filled((int) SizePolicy.MIN_PART_BYTES, (byte) 1);
    byte[] second = filled(100, (byte) 2);
    String etag1 = core.storage.putPart(ticket.uploadId(), 1, first);
    String etag2 = core.storage.putPart(ticket.uploadId(), 2, second);

    assertThat(core.recordings.multipartUpload().storedParts(ALICE, ticket.recordingId()))
        .extracting(StoredPart::partNumber).containsExactly(1, 2);
    CompletedRecording done = core.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE,
        ticket.recordingId(), Optional.of(List.of(new CompletedPart(1, etag1), new CompletedPart(2, etag2))),
        Optional.of(Duration.ofSeconds(42))));

    assertThat(done.storedSize()).isEqualTo(first.length + second.length);
    assertThat(done.duration()).contains(Duration.ofSeconds(42));
    assertThat(core.storage.object(ticket.objectKey()).orElseThrow()[first.length]).isEqualTo((byte) 2);
  }

  @Test
  void aDurationLongerThanTheRetentionIsInvalidBeforeThePartsAreJoined() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    String etag = core.storage.putPart(ticket.uploadId(), 1, new byte[100]);

    assertThatThrownBy(() -> core.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE,
        ticket.recordingId(), Optional.of(List.of(new CompletedPart(1, etag))),
        Optional.of(Duration.ofMillis(10_000_000_000_000L)))))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("duration_ms"));
    assertThat(core.storage.hasUpload(ticket.uploadId())).isTrue();
    assertThat(core.storage.object(ticket.objectKey())).isEmpty();
  }

  @Test
  void aRetriedCompletionAfterThePartsWereJoinedSucceeds() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    String etag = core.storage.putPart(ticket.uploadId(), 1, new byte[100]);
    List<CompletedPart> parts = List.of(new CompletedPart(1, etag));
    // The first attempt joined the parts, then lost its row update (or its answer).
    core.storage.completeMultipart(ticket.objectKey(), ticket.uploadId(), parts);

    CompletedRecording done = completeParts(ticket, parts.toArray(CompletedPart[]::new));

    assertThat(done.storedSize()).isEqualTo(100);
    assertThat(core.repository.find(ticket.recordingId()).orElseThrow().status()).isEqualTo(RecordingStatus.COMPLETED);
  }

  @Test
  void aSmallPartBeforeTheLastIsInvalidAndTheUploadStaysOpen() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    String etag1 = core.storage.putPart(ticket.uploadId(), 1, new byte[100]);
    String etag2 = core.storage.putPart(ticket.uploadId(), 2, new byte[100]);
    assertThatThrownBy(() -> completeParts(ticket, new CompletedPart(1, etag1), new CompletedPart(2, etag2)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("parts"));
    assertThat(core.storage.hasUpload(ticket.uploadId())).isTrue();
  }

  @Test
  void aPartThatWasNotUploadedOrHasAnotherEtagIsInvalid() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    String etag1 = core.storage.putPart(ticket.uploadId(), 1, new byte[100]);
    assertThatThrownBy(() -> completeParts(ticket, new CompletedPart(2, etag1)))
        .hasMessageContaining("part 2 was never uploaded");
    assertThatThrownBy(() -> completeParts(ticket, new CompletedPart(1, "\"other\"")))
        .hasMessageContaining("does not match");
  }

  @Test
  void aMultipartUploadNeedsItsPartListToComplete() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    assertThatThrownBy(() -> core.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE,
        ticket.recordingId(), Optional.empty(), Optional.empty())))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("parts"));
  }

  @Test
  void partListsMustAscendWithoutDuplicates() {
    assertThatThrownBy(() -> new CompleteUploadCommand(ALICE, new io.chatvideo.recording.core.domain.RecordingId(
        java.util.UUID.randomUUID()), Optional.of(List.of(new CompletedPart(2, "a"), new CompletedPart(1, "b"))),
        Optional.empty())).hasMessageContaining("ascending");
    assertThatThrownBy(() -> new SignPartsCommand(ALICE, new io.chatvideo.recording.core.domain.RecordingId(
        java.util.UUID.randomUUID()), List.of(part(3, 1), part(3, 2)))).hasMessageContaining("twice");
    assertThatThrownBy(() -> new SignPartsCommand(ALICE, new io.chatvideo.recording.core.domain.RecordingId(
        java.util.UUID.randomUUID()), List.of(part(10_001, 1)))).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void signingPartsKeepsTheUploadWindowOpen() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    core.clock.advance(Duration.ofMinutes(25));
    core.recordings.multipartUpload().signParts(new SignPartsCommand(ALICE, ticket.recordingId(), List.of(part(1, 10))));
    PendingRecording pending = (PendingRecording) core.repository.find(ticket.recordingId()).orElseThrow();
    assertThat(pending.uploadExpiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(55)));
  }

  @Test
  void anotherUserCannotSignOrListParts() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    assertThatThrownBy(() -> core.recordings.multipartUpload().signParts(
        new SignPartsCommand(MALLORY, ticket.recordingId(), List.of(part(1, 10))))).isInstanceOf(RecordingNotFoundException.class);
    assertThatThrownBy(() -> core.recordings.multipartUpload().storedParts(MALLORY, ticket.recordingId()))
        .isInstanceOf(RecordingNotFoundException.class);
  }

  @Test
  void abortingDropsThePartsAndTheRecording() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    core.storage.putPart(ticket.uploadId(), 1, new byte[10]);
    core.recordings.multipartUpload().abort(ALICE, ticket.recordingId());
    assertThat(core.storage.hasUpload(ticket.uploadId())).isFalse();
    assertThat(core.repository.find(ticket.recordingId())).isEmpty();
  }

  @Test
  void aSinglePutRecordingHasNoPartsToSign() {
    UploadTicket ticket = core.requestUpload(ALICE, 3);
    assertThatThrownBy(() -> core.recordings.multipartUpload().signParts(
        new SignPartsCommand(ALICE, ticket.recordingId(), List.of(part(1, 10))))).isInstanceOf(ConflictException.class);
  }

  private CompletedRecording complete(io.chatvideo.recording.core.domain.UserId caller, UploadTicket ticket) {
    return core.recordings.completeUpload().complete(new CompleteUploadCommand(caller, ticket.recordingId(),
        Optional.empty(), Optional.empty()));
  }

  private static PartLength part(int number, long length) {
    return new PartLength(number, length);
  }

  private CompletedRecording completeParts(MultipartTicket ticket, CompletedPart... parts) {
    return core.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(),
        Optional.of(List.of(parts)), Optional.empty()));
  }

  private static byte[] filled(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }
}
