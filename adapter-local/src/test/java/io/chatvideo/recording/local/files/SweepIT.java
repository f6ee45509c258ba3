package io.chatvideo.recording.local.files;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.PartialReason;
import io.chatvideo.recording.core.port.out.ObjectListing;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import io.chatvideo.recording.local.Fixtures;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.local.files.ObjectClient.Answer;
import io.chatvideo.recording.local.files.ObjectClient.Outcome;
import io.chatvideo.recording.core.testing.MutableClock;
import static io.chatvideo.recording.local.Fixtures.T0;
import static io.chatvideo.recording.local.Fixtures.WEBM;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.MultipartTicket;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartLength;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.SignPartsCommand;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.StartMultipartCommand;
import io.chatvideo.recording.core.port.in.RecordingView;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.in.SweepUseCase.SweepReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The core's sweep over the real SQLite repository and file storage: what expired and what was
 * abandoned goes (rows, objects, parts), and nothing else.
 */
class SweepIT {

  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final RoomId ROOM = RoomId.of("room-1");

  private final MutableClock clock = new MutableClock(T0);

  @RegisterExtension
  final RecordingStore store = new RecordingStore(clock);

  @Test
  void theSweepRemovesWhatExpiredOrHasNothingStoredAndCompletesWhatHasBytesAsPartial() throws IOException {
    RecordingId expiring = completedRecording();
    UploadTicket neverCompleted = store.recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.empty(), WEBM, OptionalLong.empty(), Set.of()));
    assertThat(store.client.send(neverCompleted.upload(), new byte[100]).outcome()).isEqualTo(Outcome.OK);
    MultipartTicket halfUploaded = store.recordings.multipartUpload().start(new StartMultipartCommand(ALICE, ROOM,
        Optional.empty(), WEBM, Set.of()));
    assertThat(store.client.send(store.recordings.multipartUpload().signParts(new SignPartsCommand(ALICE,
        halfUploaded.recordingId(), List.of(new PartLength(1, 100)))).get(0).upload(), Fixtures.bytes(100, 7)).outcome())
        .isEqualTo(Outcome.OK);
    MultipartTicket nothingSent = store.recordings.multipartUpload().start(new StartMultipartCommand(ALICE, ROOM,
        Optional.empty(), WEBM, Set.of()));
    UploadTicket neverPut = store.recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.empty(), WEBM, OptionalLong.of(10), Set.of()));

    clock.advance(Duration.ofDays(2));
    UploadTicket stillOpen = store.recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.empty(), WEBM, OptionalLong.of(10), Set.of()));

    assertThat(store.recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 2, 0, 0, 0, 2));

    assertThat(store.backend.repository().find(nothingSent.recordingId())).isEmpty();
    assertThat(store.data.resolve(FileObjectStorage.UPLOADS_FOLDER).resolve(nothingSent.uploadId())).doesNotExist();
    assertThat(store.backend.repository().find(neverPut.recordingId())).isEmpty();
    for (RecordingId salvaged : List.of(neverCompleted.recordingId(), halfUploaded.recordingId())) {
      assertThat(store.backend.repository().find(salvaged)).hasValueSatisfying(recording ->
          assertThat(((CompletedRecording) recording).partial()).contains(PartialReason.CLIENT_GONE));
    }
    assertThat(store.backend.storage().head(halfUploaded.objectKey())).hasValueSatisfying(stored ->
        assertThat(stored.size()).isEqualTo(100));
    assertThat(Files.readAllBytes(store.data.resolve(FileObjectStorage.OBJECTS_FOLDER)
        .resolve(halfUploaded.objectKey().value()))).as("the stored part, as it was uploaded")
        .isEqualTo(Fixtures.bytes(100, 7));
    assertThat(store.data.resolve(FileObjectStorage.UPLOADS_FOLDER).resolve(halfUploaded.uploadId())).doesNotExist();
    assertThat(store.backend.repository().find(expiring)).isPresent();
    assertThat(store.backend.repository().find(stillOpen.recordingId())).isPresent();
    assertThat(store.client.send(stillOpen.upload(), new byte[10]).outcome()).isEqualTo(Outcome.OK);

    clock.advance(Duration.ofDays(28).plusSeconds(1));
    RecordingId fresh = completedRecording();
    assertThat(listedIds()).as("expired, though not swept yet").doesNotContain(expiring).contains(fresh);

    assertThat(store.recordings.sweep().sweep()).as("the salvaged recordings expire with the one made beside them")
        .isEqualTo(new SweepReport(3, 0, 0, 0, 0, 1));

    assertThat(store.backend.repository().find(expiring)).isEmpty();
    assertThat(store.backend.repository().find(halfUploaded.recordingId())).isEmpty();
    assertThat(store.backend.repository().find(stillOpen.recordingId())).as("salvaged after its window")
        .hasValueSatisfying(recording -> assertThat(recording).isInstanceOf(CompletedRecording.class));
    assertThat(store.backend.repository().find(fresh)).isPresent();
    assertThat(objectFiles()).containsExactlyInAnyOrder(
        store.backend.repository().find(fresh).orElseThrow().details().objectKey().value(),
        stillOpen.objectKey().value());
    assertThat(store.recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 0, 0));
  }

  @Test
  void theSweepDeletesAnObjectNoRecordingPointsToOnceOlderThanTheGraceAndLeavesForeignFilesAlone()
      throws IOException {
    UploadTicket ticket = store.recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.empty(), WEBM, OptionalLong.of(10), Set.of()));
    assertThat(store.client.send(ticket.upload(), new byte[10]).outcome()).isEqualTo(Outcome.OK);
    // As a PUT that finished just after its recording was deleted leaves it.
    store.backend.repository().delete(ticket.recordingId());
    Path orphan = store.data.resolve(FileObjectStorage.OBJECTS_FOLDER).resolve(ticket.objectKey().value());
    Path foreign = Files.writeString(orphan.resolveSibling("notes.txt"), "not a recording");
    RecordingId kept = completedRecording();
    Instant justInside = clock.instant().minus(Recordings.DEFAULT_ORPHAN_GRACE);
    for (Path file : List.of(orphan, foreign, store.data.resolve(FileObjectStorage.OBJECTS_FOLDER)
        .resolve(store.backend.repository().find(kept).orElseThrow().details().objectKey().value()))) {
      Files.setLastModifiedTime(file, FileTime.from(justInside.minusSeconds(3600)));
    }
    Files.setLastModifiedTime(orphan, FileTime.from(justInside));

    assertThat(store.recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 0, 0));
    assertThat(orphan).exists();

    Files.setLastModifiedTime(orphan, FileTime.from(justInside.minusSeconds(1)));
    assertThat(store.recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 0, 1));

    assertThat(orphan).doesNotExist();
    assertThat(FileStamp.beside(orphan)).doesNotExist();
    assertThat(foreign).exists();
    assertThat(store.backend.storage().head(store.backend.repository().find(kept).orElseThrow().details().objectKey()))
        .isPresent();
  }

  @Test
  void theObjectListingPagesInKeyOrderAndLeavesStampsOut() {
    List<String> keys = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      // "room/…" sorts after "room-1/…", though "room" sorts before "room-1".
      RoomId room = i % 2 == 0 ? ROOM : RoomId.of("room");
      UploadTicket ticket = store.recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, room,
          Optional.empty(), WEBM, OptionalLong.of(1), Set.of()));
      assertThat(store.client.send(ticket.upload(), new byte[1]).outcome()).isEqualTo(Outcome.OK);
      keys.add(ticket.objectKey().value());
    }
    List<String> listed = new java.util.ArrayList<>();
    Optional<String> cursor = Optional.empty();
    int pages = 0;
    do {
      ObjectListing page = store.backend.storage().listObjects(ObjectKey.PREFIX, cursor, 2);
      page.objects().forEach(o -> listed.add(o.key()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor.isPresent());

    assertThat(pages).isEqualTo(3);
    assertThat(listed).containsExactlyElementsOf(keys.stream().sorted().toList());
    assertThat(store.backend.storage().listObjects("recordings/room-1/", Optional.empty(), 10).objects())
        .hasSize(3);
    assertThat(store.backend.storage().listObjects("recordings/other-room/", Optional.empty(), 10).objects()).isEmpty();
  }

  private RecordingId completedRecording() {
    UploadTicket ticket = store.recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.of("call.webm"), WEBM, OptionalLong.of(1000), Set.of()));
    assertThat(store.client.send(ticket.upload(), Fixtures.bytes(1000, 1)).outcome()).isEqualTo(Outcome.OK);
    store.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(), Optional.empty(),
        Optional.empty()));
    return ticket.recordingId();
  }

  private List<RecordingId> listedIds() {
    return store.recordings.listRecordings().list(new ListRecordingsUseCase.ListRecordingsQuery(ALICE, Optional.empty(),
        100, Optional.empty())).recordings().stream().map(RecordingView::recording).map(r -> r.id()).toList();
  }

  /** The object keys stored, from the files themselves (stamps left out). */
  private List<String> objectFiles() throws IOException {
    Path objects = store.data.resolve(FileObjectStorage.OBJECTS_FOLDER);
    try (Stream<Path> files = Files.walk(objects)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(FileStamp.SUFFIX))
          .map(p -> objects.relativize(p).toString()).toList();
    }
  }
}
