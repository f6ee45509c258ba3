package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.RecordingFilter;
import static io.chatvideo.recording.core.application.CoreFixture.ALICE;
import static io.chatvideo.recording.core.application.CoreFixture.BOB;
import static io.chatvideo.recording.core.application.CoreFixture.GRACE;
import static io.chatvideo.recording.core.application.CoreFixture.MALLORY;
import static io.chatvideo.recording.core.application.CoreFixture.ORPHAN_GRACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ForbiddenException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PartialReason;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RecordingNotFoundException;
import io.chatvideo.recording.core.domain.RecordingStatus;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase.ListRecordingsQuery;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.MultipartTicket;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartLength;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.ReplacementTicket;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.SignPartsCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.in.SweepUseCase.SweepReport;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordingRemovalTest {

  /** Past the upload window (24 h from the start of the upload), after which no part can be signed. */
  private static final Duration PAST_THE_WINDOW = UploadLimits.DEFAULT_MAX_UPLOAD_WINDOW.plusSeconds(1);

  private final CoreFixture core = new CoreFixture();

  @Test
  void theOwnerDeletesObjectAndMetadata() {
    RecordingId id = core.uploadCompleted(ALICE, new byte[5]);
    ObjectKey key = core.repository.find(id).orElseThrow().details().objectKey();
    core.recordings.deleteRecording().delete(ALICE, id);
    assertThat(core.repository.find(id)).isEmpty();
    assertThat(core.storage.object(key)).isEmpty();
  }

  @Test
  void aParticipantMayNotDeleteAndAStrangerCannotTellItExists() {
    RecordingId id = core.uploadCompleted(ALICE, new byte[5], BOB);
    assertThatThrownBy(() -> core.recordings.deleteRecording().delete(BOB, id)).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> core.recordings.deleteRecording().delete(MALLORY, id))
        .isInstanceOf(RecordingNotFoundException.class);
    assertThat(core.repository.find(id)).isPresent();
  }

  @Test
  void theSweepRemovesExpiredRecordingsAndNothingElse() {
    RecordingId old = core.uploadCompleted(ALICE, new byte[5]);
    ObjectKey oldKey = core.repository.find(old).orElseThrow().details().objectKey();
    core.clock.advance(Duration.ofDays(2));
    RecordingId recent = core.uploadCompleted(ALICE, new byte[5]);
    core.clock.advance(Duration.ofDays(28));

    SweepReport report = core.recordings.sweep().sweep();

    assertThat(report).isEqualTo(new SweepReport(1, 0, 0));
    assertThat(core.repository.find(old)).isEmpty();
    assertThat(core.storage.object(oldKey)).isEmpty();
    assertThat(core.repository.find(recent)).isPresent();
  }

  @Test
  void theSweepDeletesOnlyUploadsWhoseWindowClosedWithNothingPlayableStored() {
    MultipartTicket noPart = core.startMultipart(ALICE);
    MultipartTicket noStart = core.startMultipart(ALICE);
    core.storage.putPart(noStart.uploadId(), 2, new byte[10]);
    UploadTicket neverPut = core.requestUpload(ALICE, 5);
    core.clock.advance(Duration.ofMinutes(30).plus(GRACE).plusSeconds(1));
    UploadTicket fresh = core.requestUpload(ALICE, 5);

    SweepReport report = core.recordings.sweep().sweep();

    assertThat(report).isEqualTo(new SweepReport(0, 3, 0));
    for (RecordingId gone : List.of(noPart.recordingId(), noStart.recordingId(), neverPut.recordingId())) {
      assertThat(core.repository.find(gone)).isEmpty();
    }
    assertThat(core.storage.hasUpload(noPart.uploadId())).isFalse();
    assertThat(core.storage.hasUpload(noStart.uploadId())).as("parts without the file's start").isFalse();
    assertThat(core.repository.find(fresh.recordingId())).isPresent();
  }

  @Test
  void anUploadWithBytesWhoseClientMayStillSignPartsIsLeftForALaterSweep() {
    MultipartTicket quiet = core.startMultipart(ALICE);
    core.storage.putPart(quiet.uploadId(), 1, filled(10, 'a'));
    core.clock.advance(Duration.ofMinutes(30).plus(GRACE).plusSeconds(1));

    assertThat(core.recordings.sweep().sweep()).as("inside the upload window").isEqualTo(new SweepReport(0, 0, 0));
    assertThat(core.repository.find(quiet.recordingId()).orElseThrow().status()).isEqualTo(RecordingStatus.PENDING);
    assertThat(core.storage.hasUpload(quiet.uploadId())).isTrue();

    core.clock.set(CoreFixture.T0.plus(UploadLimits.DEFAULT_MAX_UPLOAD_WINDOW).plusSeconds(1));
    assertThat(core.recordings.sweep().sweep().salvaged()).as("once the window closed").isEqualTo(1);
  }

  @Test
  void aMultipartUploadWhoseClientNeverCameBackIsCompletedWithThePartsThatJoinAsAPartialRecording() {
    MultipartTicket gone = core.startMultipart(ALICE);
    byte[] one = filled(SizePolicy.MIN_PART_BYTES, 'a');
    byte[] two = filled(SizePolicy.MIN_PART_BYTES, 'b');
    byte[] three = filled(10, 'c');
    core.storage.putPart(gone.uploadId(), 1, one);
    core.storage.putPart(gone.uploadId(), 2, two);
    core.storage.putPart(gone.uploadId(), 3, three);
    core.storage.putPart(gone.uploadId(), 5, filled(10, 'e'));
    core.clock.advance(PAST_THE_WINDOW);

    SweepReport report = core.recordings.sweep().sweep();

    assertThat(report).isEqualTo(new SweepReport(0, 0, 0, 0, 0, 1));
    CompletedRecording salvaged = (CompletedRecording) core.repository.find(gone.recordingId()).orElseThrow();
    assertThat(salvaged.partial()).contains(PartialReason.CLIENT_GONE);
    assertThat(salvaged.completedAt()).isEqualTo(core.clock.instant());
    assertThat(salvaged.storedSize()).isEqualTo(2 * SizePolicy.MIN_PART_BYTES + 10);
    assertThat(core.storage.object(gone.objectKey())).hasValueSatisfying(bytes ->
        assertThat(bytes).isEqualTo(concat(one, two, three)));
    assertThat(core.storage.hasUpload(gone.uploadId())).isFalse();
    assertThat(core.recordings.listRecordings().list(new ListRecordingsQuery(ALICE, Optional.empty(), 10,
        Optional.empty())).recordings()).extracting(view -> view.recording().id()).containsExactly(gone.recordingId());
    assertThat(core.recordings.sweep().sweep()).as("a second sweep").isEqualTo(new SweepReport(0, 0, 0));
  }

  @Test
  void aClientThatComesBackAfterTheSalvageReplacesThePartialRecordingWithTheWholeCallAndMakesNoSecondOne() {
    MultipartTicket gone = core.startMultipart(ALICE);
    byte[] one = filled(SizePolicy.MIN_PART_BYTES, 'a');
    byte[] two = filled(10, 'b');
    core.storage.putPart(gone.uploadId(), 1, one);
    core.clock.advance(PAST_THE_WINDOW);
    core.recordings.sweep().sweep();
    CompletedRecording salvaged = (CompletedRecording) core.repository.find(gone.recordingId()).orElseThrow();
    String replacementId = salvaged.replacementUploadId().orElseThrow();
    assertThat(replacementId).isNotEqualTo(gone.uploadId());

    assertThatThrownBy(() -> core.recordings.multipartUpload().storedParts(ALICE, gone.recordingId()))
        .as("the client asks which parts are stored").isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> core.recordings.multipartUpload().replacement(MALLORY, gone.recordingId()))
        .isInstanceOf(RecordingNotFoundException.class);
    ReplacementTicket ticket = core.recordings.multipartUpload().replacement(ALICE, gone.recordingId());
    assertThat(ticket.uploadId()).isEqualTo(replacementId);
    assertThat(ticket.parts()).as("the server's copy of part 1: the client need not send it")
        .extracting(StoredPart::partNumber, StoredPart::size).containsExactly(tuple(1, (long) one.length));
    core.recordings.multipartUpload().signParts(new SignPartsCommand(ALICE, gone.recordingId(),
        List.of(new PartLength(2, two.length))));
    String etag2 = core.storage.putPart(replacementId, 2, two);
    CompletedRecording whole = core.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE,
        gone.recordingId(), Optional.of(List.of(new CompletedPart(1, ticket.parts().get(0).etag()),
        new CompletedPart(2, etag2))), Optional.empty()));

    assertThat(whole).isEqualTo(core.repository.find(gone.recordingId()).orElseThrow());
    assertThat(whole.partial()).isEmpty();
    assertThat(whole.replacementUploadId()).isEmpty();
    assertThat(whole.storedSize()).isEqualTo(one.length + two.length);
    assertThat(core.storage.object(gone.objectKey())).hasValueSatisfying(bytes ->
        assertThat(bytes).isEqualTo(concat(one, two)));
    assertThat(core.storage.hasUpload(replacementId)).isFalse();
    assertThat(core.repository.list(RecordingFilter.NONE, ALICE, core.clock.instant(), 10, Optional.empty())
        .recordings()).hasSize(1);
    assertThatThrownBy(() -> core.recordings.multipartUpload().replacement(ALICE, gone.recordingId()))
        .isInstanceOf(ConflictException.class).hasMessageContaining("holds the whole call");
  }

  @Test
  void deletingAPartialRecordingAbortsItsReplacementUpload() {
    MultipartTicket gone = core.startMultipart(ALICE);
    core.storage.putPart(gone.uploadId(), 1, filled(10, 'a'));
    core.clock.advance(PAST_THE_WINDOW);
    core.recordings.sweep().sweep();
    String replacementId = ((CompletedRecording) core.repository.find(gone.recordingId()).orElseThrow())
        .replacementUploadId().orElseThrow();
    assertThat(core.storage.hasUpload(replacementId)).isTrue();

    core.recordings.deleteRecording().delete(ALICE, gone.recordingId());

    assertThat(core.storage.hasUpload(replacementId)).isFalse();
    assertThatThrownBy(() -> core.recordings.multipartUpload().replacement(ALICE, gone.recordingId()))
        .isInstanceOf(RecordingNotFoundException.class);
  }

  @Test
  void aShortFirstPartEndsWhatJoinsSinceOnlyTheLastPartMayBeShort() {
    MultipartTicket gone = core.startMultipart(ALICE);
    core.storage.putPart(gone.uploadId(), 1, filled(10, 'a'));
    core.storage.putPart(gone.uploadId(), 2, filled(10, 'b'));
    core.clock.advance(PAST_THE_WINDOW);

    assertThat(core.recordings.sweep().sweep().salvaged()).isEqualTo(1);

    assertThat(core.storage.object(gone.objectKey())).hasValueSatisfying(bytes ->
        assertThat(bytes).isEqualTo(filled(10, 'a')));
  }

  @Test
  void aSinglePutWhoseCompletionNeverCameIsCompletedAsAPartialRecording() {
    UploadTicket put = core.requestUpload(ALICE, 5);
    core.storage.put(put.objectKey(), new byte[3]);
    core.clock.advance(PAST_THE_WINDOW);

    assertThat(core.recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 0, 0, 0, 0, 1));

    CompletedRecording salvaged = (CompletedRecording) core.repository.find(put.recordingId()).orElseThrow();
    assertThat(salvaged.storedSize()).isEqualTo(3);
    assertThat(salvaged.partial()).contains(PartialReason.CLIENT_GONE);
  }

  private static byte[] filled(long length, char c) {
    byte[] bytes = new byte[Math.toIntExact(length)];
    Arrays.fill(bytes, (byte) c);
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void anUploadStillWithinItsGraceIsLeftAlone() {
    UploadTicket ticket = core.requestUpload(ALICE, 5);
    core.clock.advance(Duration.ofMinutes(30).plus(GRACE));
    assertThat(core.recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 0, 0));
    assertThat(core.repository.find(ticket.recordingId())).isPresent();
  }

  @Test
  void aCompletionThatWinsTheRaceKeepsItsRecording() {
    UploadTicket ticket = core.requestUpload(ALICE, 5);
    core.storage.put(ticket.objectKey(), new byte[5]);
    PendingRecording seenBySweep = (PendingRecording) core.repository.find(ticket.recordingId()).orElseThrow();
    core.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(), Optional.empty(),
        Optional.empty()));

    assertThatThrownBy(() -> core.repository.replace(seenBySweep.abandon(core.clock.instant()), RecordingStatus.PENDING))
        .isInstanceOf(ConflictException.class);
    core.clock.advance(Duration.ofDays(2));
    core.recordings.sweep().sweep();
    assertThat(core.repository.find(ticket.recordingId()).orElseThrow().status()).isEqualTo(RecordingStatus.COMPLETED);
    assertThat(core.storage.object(ticket.objectKey())).isPresent();
  }

  @Test
  void theSweepDeletesAnObjectWrittenAfterItsRecordingWasDeletedOnceItIsOlderThanTheGrace() {
    UploadTicket ticket = core.requestUpload(ALICE, 5);
    core.recordings.multipartUpload().abort(ALICE, ticket.recordingId());
    core.storage.put(ticket.objectKey(), new byte[5]);
    RecordingId kept = core.uploadCompleted(ALICE, new byte[5]);
    ObjectKey keptKey = core.repository.find(kept).orElseThrow().details().objectKey();

    core.clock.advance(ORPHAN_GRACE);
    assertThat(core.recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 0, 0));
    assertThat(core.storage.object(ticket.objectKey())).isPresent();

    core.clock.advance(Duration.ofSeconds(1));
    assertThat(core.recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 0, 1));
    assertThat(core.storage.object(ticket.objectKey())).isEmpty();
    assertThat(core.storage.object(keptKey)).isPresent();
  }

  @Test
  void theOrphanScanReadsEveryPage() {
    int orphans = RecordingRemoval.LISTING_BATCH * 2 + 1;
    for (int i = 0; i < orphans; i++) {
      core.storage.put(ObjectKey.forRecording(CoreFixture.ROOM, core.clock.instant(), new RecordingId(UUID.randomUUID()),
          ContentType.DEFAULT), new byte[1]);
    }
    core.clock.advance(ORPHAN_GRACE.plusSeconds(1));

    assertThat(core.recordings.sweep().sweep().orphansRemoved()).isEqualTo(orphans);
    assertThat(core.storage.listObjects(ObjectKey.PREFIX, Optional.empty(), 10).objects()).isEmpty();
  }
}
