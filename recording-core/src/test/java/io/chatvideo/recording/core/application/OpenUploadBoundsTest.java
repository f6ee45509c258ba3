package io.chatvideo.recording.core.application;

import static io.chatvideo.recording.core.application.CoreFixture.ALICE;
import static io.chatvideo.recording.core.application.CoreFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.ConflictException;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.LimitExceededException;
import io.chatvideo.recording.core.domain.PendingRecording;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.UploadLimits;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.MultipartTicket;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartLength;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartUpload;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.SignPartsCommand;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An open multipart upload is bounded as its parts are signed, not when it completes. */
class OpenUploadBoundsTest {

  private static final long MiB = SizePolicy.MiB;

  private final CoreFixture core = new CoreFixture(new UploadLimits(20, 12 * MiB, 25 * MiB, Duration.ofHours(1)));

  @Test
  void partsPastTheRecordingLimitAreRefusedAtSigningAndNothingIsSigned() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    sign(ticket, part(1, 5 * MiB), part(2, 5 * MiB));
    int signed = core.storage.signed().size();

    assertThatThrownBy(() -> sign(ticket, part(3, 5 * MiB)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.field()).isEqualTo("parts");
          assertThat(e.getMessage()).contains("max-recording-bytes", Long.toString(12 * MiB), Long.toString(15 * MiB));
        });

    assertThat(core.storage.signed()).hasSize(signed);
    assertThat(sign(ticket, part(3, 2 * MiB))).extracting(PartUpload::partNumber).containsExactly(3);
  }

  @Test
  void eachPartUrlSignsItsLength() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    assertThat(sign(ticket, part(1, 5 * MiB), part(2, 7)))
        .extracting(p -> p.upload().headers().get("Content-Length"))
        .containsExactly(Long.toString(5 * MiB), "7");
  }

  @Test
  void aPartSignedAgainCountsOnceAtItsLargestLength() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    sign(ticket, part(1, 5 * MiB));
    sign(ticket, part(1, 5 * MiB));
    sign(ticket, part(1, 4 * MiB));
    assertThat(core.ledger.bytesOn(ALICE, UploadLimits.dayOf(T0))).isEqualTo(5 * MiB);
    sign(ticket, part(1, 6 * MiB));
    assertThat(core.ledger.bytesOn(ALICE, UploadLimits.dayOf(T0))).isEqualTo(6 * MiB);
  }

  @Test
  void openUploadsCannotSignPastTheDay() {
    MultipartTicket first = core.startMultipart(ALICE);
    sign(first, part(1, 6 * MiB), part(2, 6 * MiB));
    MultipartTicket second = core.startMultipart(ALICE);
    sign(second, part(1, 6 * MiB), part(2, 5 * MiB));
    MultipartTicket third = core.startMultipart(ALICE);

    assertThatThrownBy(() -> sign(third, part(1, 3 * MiB)))
        .isInstanceOfSatisfying(LimitExceededException.class,
            e -> assertThat(e.getMessage()).contains("max-bytes-per-day", Long.toString(25 * MiB)));
    sign(third, part(1, 2 * MiB));
    assertThatThrownBy(() -> core.startMultipart(ALICE)).isInstanceOf(LimitExceededException.class);
  }

  @Test
  void completionCountsTheStoredSizeInsteadOfTheSignedLengths() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    sign(ticket, part(1, 5 * MiB), part(2, 5 * MiB), part(3, 1000));
    String etag1 = core.storage.putPart(ticket.uploadId(), 1, new byte[(int) (5 * MiB)]);
    String etag2 = core.storage.putPart(ticket.uploadId(), 2, new byte[100]);

    core.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(),
        Optional.of(List.of(new CompletedPart(1, etag1), new CompletedPart(2, etag2))), Optional.empty()));

    assertThat(core.ledger.bytesOn(ALICE, UploadLimits.dayOf(T0))).isEqualTo(5 * MiB + 100);
  }

  @Test
  void theUploadWindowDoesNotGrowPastItsCap() {
    MultipartTicket ticket = core.startMultipart(ALICE);
    core.clock.advance(Duration.ofMinutes(50));

    PartUpload url = sign(ticket, part(1, 5 * MiB)).get(0);

    assertThat(url.upload().expiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    PendingRecording pending = (PendingRecording) core.repository.find(ticket.recordingId()).orElseThrow();
    assertThat(pending.uploadExpiresAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    core.clock.advance(Duration.ofMinutes(10));
    assertThatThrownBy(() -> sign(ticket, part(1, 5 * MiB)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("upload window");
  }

  @Test
  void aSinglePutUrlEndsWithTheWindowToo() {
    CoreFixture shortWindow = new CoreFixture(new UploadLimits(20, 12 * MiB, 25 * MiB, Duration.ofMinutes(10)));
    assertThat(shortWindow.requestUpload(ALICE, 10).expiresIn()).isEqualTo(Duration.ofMinutes(10));
  }

  private List<PartUpload> sign(MultipartTicket ticket, PartLength... parts) {
    return core.recordings.multipartUpload().signParts(new SignPartsCommand(ALICE, ticket.recordingId(),
        Arrays.asList(parts)));
  }

  private static PartLength part(int number, long length) {
    return new PartLength(number, length);
  }
}
