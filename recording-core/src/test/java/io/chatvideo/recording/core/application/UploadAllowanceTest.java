package io.chatvideo.recording.core.application;

import static io.chatvideo.recording.core.application.CoreFixture.ALICE;
import static io.chatvideo.recording.core.application.CoreFixture.BOB;
import static io.chatvideo.recording.core.application.CoreFixture.ROOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.LimitExceededException;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.MultipartTicket;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.StartMultipartCommand;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-user limits refuse before anything is signed, started or stored. */
class UploadAllowanceTest {

  private final CoreFixture core = new CoreFixture(new UploadLimits(2, 600_000, 1_000_000));

  @Test
  void aThirdOpenUploadIsRefusedUntilTheOldestWindowClosesAndNothingIsStored() {
    core.requestUpload(ALICE, 10);
    core.clock.advance(Duration.ofMinutes(5));
    core.requestUpload(ALICE, 10);
    int signed = core.storage.signed().size();
    int rows = rows();

    assertThatThrownBy(() -> core.requestUpload(ALICE, 10))
        .isInstanceOfSatisfying(LimitExceededException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(25)));
    assertThatThrownBy(() -> core.startMultipart(ALICE)).isInstanceOf(LimitExceededException.class);

    assertThat(core.storage.signed()).hasSize(signed);
    assertThat(rows()).isEqualTo(rows);
    assertThat(core.requestUpload(BOB, 10).recordingId()).isNotNull();
    core.clock.advance(Duration.ofMinutes(26));
    assertThat(core.requestUpload(ALICE, 10).recordingId()).isNotNull();
  }

  @Test
  void theBytesOfADayAreBoundedAndFreeAgainTheNextUtcDay() {
    core.uploadCompleted(ALICE, new byte[600_000]);
    core.clock.advance(Duration.ofHours(1));

    // T0 is noon UTC: the next day starts 11 hours after 13:00.
    assertThatThrownBy(() -> core.requestUpload(ALICE, 500_000))
        .isInstanceOfSatisfying(LimitExceededException.class, e -> {
          assertThat(e.retryAfter()).isEqualTo(Duration.ofHours(11));
          assertThat(e.getMessage()).contains("max-bytes-per-day", "1000000");
        });
    assertThat(core.requestUpload(ALICE, 400_000).recordingId()).isNotNull();

    core.clock.advance(Duration.ofHours(11));
    assertThat(core.requestUpload(ALICE, 500_000).recordingId()).isNotNull();
  }

  @Test
  void declaredBytesCountWhenSignedSoOpenUploadsCannotPassTheDay() {
    core.requestUpload(ALICE, 600_000);
    core.requestUpload(BOB, 600_000);
    int signed = core.storage.signed().size();

    assertThatThrownBy(() -> core.requestUpload(ALICE, 400_001)).isInstanceOf(LimitExceededException.class);

    assertThat(core.storage.signed()).hasSize(signed);
    assertThat(core.ledger.bytesOn(ALICE, UploadLimits.dayOf(CoreFixture.T0))).isEqualTo(600_000);
  }

  @Test
  void anUnsizedUploadCountsTheLargestSinglePutAndIsRefusedWhenThatPassesTheRecordingLimit() {
    // The fixture's single PUT takes up to 1,000,000 bytes; a recording here holds 600,000.
    assertThatThrownBy(() -> core.recordings.requestUpload().requestUpload(
        new io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand(ALICE, ROOM,
            Optional.empty(), ContentType.DEFAULT, java.util.OptionalLong.empty(), Set.of())))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("size");
          assertThat(e.getMessage()).contains("1000000", "600000");
        });
    CoreFixture roomy = new CoreFixture(new UploadLimits(2, 1_000_000, 1_500_000));
    roomy.recordings.requestUpload().requestUpload(
        new io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand(ALICE, ROOM,
            Optional.empty(), ContentType.DEFAULT, java.util.OptionalLong.empty(), Set.of()));
    assertThat(roomy.ledger.bytesOn(ALICE, UploadLimits.dayOf(CoreFixture.T0))).isEqualTo(1_000_000);
  }

  @Test
  void deletingARecordingDoesNotGiveItsBytesBack() {
    io.chatvideo.recording.core.domain.RecordingId id = core.uploadCompleted(ALICE, new byte[600_000]);
    core.recordings.deleteRecording().delete(ALICE, id);

    assertThat(core.ledger.bytesOn(ALICE, UploadLimits.dayOf(CoreFixture.T0))).isEqualTo(600_000);
    assertThatThrownBy(() -> core.requestUpload(ALICE, 500_000)).isInstanceOf(LimitExceededException.class);
  }

  @Test
  void aRecordingLargerThanTheLimitIsInvalidWhetherDeclaredOrJoined() {
    assertThatThrownBy(() -> core.requestUpload(ALICE, 600_001))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("size"));

    MultipartTicket ticket = core.recordings.multipartUpload().start(new StartMultipartCommand(ALICE, ROOM,
        Optional.empty(), ContentType.DEFAULT, Set.of()));
    String etag1 = core.storage.putPart(ticket.uploadId(), 1, new byte[(int) (5 * SizePolicy.MiB)]);
    String etag2 = core.storage.putPart(ticket.uploadId(), 2, new byte[100]);
    assertThatThrownBy(() -> core.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE,
        ticket.recordingId(), Optional.of(List.of(new CompletedPart(1, etag1), new CompletedPart(2, etag2))),
        Optional.empty())))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("parts"));
    assertThat(core.storage.object(ticket.objectKey())).isEmpty();
  }

  @Test
  void limitsCheckThemselves() {
    assertThatThrownBy(() -> new UploadLimits(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new UploadLimits(1, 10, 9)).hasMessageContaining("at least the bytes per recording");
  }

  private int rows() {
    return core.repository.listAll(1000, Optional.empty()).recordings().size();
  }
}
