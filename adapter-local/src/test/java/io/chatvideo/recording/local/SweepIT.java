package io.chatvideo.recording.local;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's sweep over the real SQLite repository and file storage: what expired and what was
 * abandoned goes (rows, objects, parts), and nothing else.
 */
class SweepIT {

  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final RoomId ROOM = RoomId.of("room-1");

  @TempDir
  Path data;

  private final MutableClock clock = new MutableClock(T0);
  private LocalBackend backend;
  private Recordings recordings;
  private EndpointClient client;

  @BeforeEach
  void open() {
    backend = LocalBackend.open(data, clock);
    recordings = Recordings.builder().repository(backend.repository()).storage(backend.storage()).clock(clock).build();
    client = new EndpointClient(backend.objects());
  }

  @AfterEach
  void close() {
    backend.close();
  }

  @Test
  void theSweepRemovesWhatExpiredOrWasAbandonedAndNothingElse() throws IOException {
    RecordingId expiring = completedRecording();
    UploadTicket neverCompleted = recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.empty(), WEBM, OptionalLong.empty(), Set.of()));
    assertThat(client.send(neverCompleted.upload(), new byte[100]).status()).isEqualTo(200);
    MultipartTicket halfUploaded = recordings.multipartUpload().start(new StartMultipartCommand(ALICE, ROOM,
        Optional.empty(), WEBM, Set.of()));
    assertThat(client.send(recordings.multipartUpload().signParts(new SignPartsCommand(ALICE,
        halfUploaded.recordingId(), List.of(1))).get(0).upload(), new byte[100]).status()).isEqualTo(200);

    clock.advance(Duration.ofDays(2));
    UploadTicket stillOpen = recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.empty(), WEBM, OptionalLong.of(10), Set.of()));

    assertThat(recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 2));

    assertThat(backend.repository().find(neverCompleted.recordingId())).isEmpty();
    assertThat(backend.storage().head(neverCompleted.objectKey())).isEmpty();
    assertThat(backend.repository().find(halfUploaded.recordingId())).isEmpty();
    assertThat(data.resolve(LocalBackend.UPLOADS_FOLDER).resolve(halfUploaded.uploadId())).doesNotExist();
    assertThat(backend.repository().find(expiring)).isPresent();
    assertThat(backend.repository().find(stillOpen.recordingId())).isPresent();
    assertThat(client.send(stillOpen.upload(), new byte[10]).status()).isEqualTo(200);

    clock.advance(Duration.ofDays(28).plusSeconds(1));
    RecordingId fresh = completedRecording();
    assertThat(listedIds()).as("expired, though not swept yet").doesNotContain(expiring).contains(fresh);

    assertThat(recordings.sweep().sweep()).isEqualTo(new SweepReport(1, 1));

    assertThat(backend.repository().find(expiring)).isEmpty();
    assertThat(backend.repository().find(stillOpen.recordingId())).as("abandoned after its window").isEmpty();
    assertThat(backend.repository().find(fresh)).isPresent();
    assertThat(objectFiles()).containsExactly(backend.repository().find(fresh).orElseThrow().details().objectKey()
        .value());
    assertThat(recordings.sweep().sweep()).isEqualTo(new SweepReport(0, 0));
  }

  private RecordingId completedRecording() {
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, ROOM,
        Optional.of("call.webm"), WEBM, OptionalLong.of(1000), Set.of()));
    assertThat(client.send(ticket.upload(), Fixtures.bytes(1000, 1)).status()).isEqualTo(200);
    recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(), Optional.empty(),
        Optional.empty()));
    return ticket.recordingId();
  }

  private List<RecordingId> listedIds() {
    return recordings.listRecordings().list(new ListRecordingsUseCase.ListRecordingsQuery(ALICE, Optional.empty(),
        100, Optional.empty())).recordings().stream().map(RecordingView::recording).map(r -> r.id()).toList();
  }

  /** The object keys stored, from the files themselves (stamps left out). */
  private List<String> objectFiles() throws IOException {
    Path objects = data.resolve(LocalBackend.OBJECTS_FOLDER);
    try (Stream<Path> files = Files.walk(objects)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(FileStamp.SUFFIX))
          .map(p -> objects.relativize(p).toString()).toList();
    }
  }
}
