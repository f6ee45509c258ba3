package io.chatvideo.recording.local.files;

import static io.chatvideo.recording.local.Fixtures.T0;
import static io.chatvideo.recording.local.Fixtures.WEBM;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.local.Fixtures;
import io.chatvideo.recording.local.LocalBackend;
import io.chatvideo.recording.local.files.ObjectClient.Answer;
import io.chatvideo.recording.local.files.ObjectClient.Outcome;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upload URLs are single-use: a PUT is stored only while its recording is PENDING, and a whole
 * object only once, so a replayed URL can neither replace verified bytes nor leave files behind.
 */
class SingleUseUploadIT {

  private static final UserId ALICE = UserId.of("alice@example.com");
  private static final byte[] FIRST = "first-body".getBytes();
  private static final byte[] OTHER = "other-body".getBytes();

  private final MutableClock clock = new MutableClock(T0);

  @RegisterExtension
  final RecordingStore store = new RecordingStore(clock);

  @Test
  void aReplayAfterCompletionIsRefusedAndTheVerifiedBytesStay() throws IOException {
    UploadTicket ticket = requestUpload();
    assertThat(store.client.send(ticket.upload(), FIRST).outcome()).isEqualTo(Outcome.OK);
    store.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, ticket.recordingId(), Optional.empty(),
        Optional.empty()));

    Answer replay = store.client.send(ticket.upload(), OTHER);

    assertThat(replay.outcome()).isEqualTo(Outcome.UPLOAD_CLOSED);
    assertThat(replay.message()).hasValueSatisfying(m -> assertThat(m).contains("single-use"));
    assertThat(store.backend.storage().head(ticket.objectKey())).hasValueSatisfying(o ->
        assertThat(o.sha256()).contains(Fixtures.sha256(FIRST)));
    assertThat(staged()).isEmpty();
  }

  @Test
  void aSecondPutBeforeCompletionIsRefusedToo() {
    UploadTicket ticket = requestUpload();
    assertThat(store.client.send(ticket.upload(), FIRST).outcome()).isEqualTo(Outcome.OK);

    assertThat(store.client.send(ticket.upload(), OTHER).outcome()).isEqualTo(Outcome.UPLOAD_CLOSED);
    assertThat(store.backend.storage().head(ticket.objectKey())).hasValueSatisfying(o ->
        assertThat(o.sha256()).contains(Fixtures.sha256(FIRST)));
  }

  @Test
  void aPutAfterTheUploadWasAbortedOrTheRecordingDeletedWritesNothing() {
    UploadTicket aborted = requestUpload();
    store.recordings.multipartUpload().abort(ALICE, aborted.recordingId());
    UploadTicket deleted = requestUpload();
    assertThat(store.client.send(deleted.upload(), FIRST).outcome()).isEqualTo(Outcome.OK);
    store.recordings.completeUpload().complete(new CompleteUploadCommand(ALICE, deleted.recordingId(), Optional.empty(),
        Optional.empty()));
    store.recordings.deleteRecording().delete(ALICE, deleted.recordingId());

    assertThat(store.client.send(aborted.upload(), OTHER).outcome()).isEqualTo(Outcome.UPLOAD_CLOSED);
    assertThat(store.client.send(deleted.upload(), OTHER).outcome()).isEqualTo(Outcome.UPLOAD_CLOSED);

    assertThat(objectFile(aborted.objectKey())).doesNotExist();
    assertThat(objectFile(deleted.objectKey())).doesNotExist();
  }

  @Test
  void aUrlSignedForAKeyNoRecordingHasIsRefused() {
    ObjectKey stray = Fixtures.newKey();
    PresignedRequest put = store.backend.storage().presignPut(stray, WEBM, OptionalLong.of(FIRST.length),
        T0.plusSeconds(60));

    assertThat(store.client.send(put, FIRST).outcome()).isEqualTo(Outcome.UPLOAD_CLOSED);
    assertThat(objectFile(stray)).doesNotExist();
  }

  @Test
  void aRecordingDeletedWhileItsBodyArrivesKeepsNothing() {
    UploadTicket ticket = requestUpload();
    InputStream deletingMidway = new InputStream() {
      private final InputStream body = new ByteArrayInputStream(FIRST);
      private boolean deleted;

      @Override
      public int read() throws IOException {
        return body.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (!deleted) {
          store.recordings.multipartUpload().abort(ALICE, ticket.recordingId());
          deleted = true;
        }
        return body.read(b, off, len);
      }
    };

    Answer answer = store.client.send("PUT", ticket.upload(), Map.of(), deletingMidway);

    assertThat(answer.outcome()).isEqualTo(Outcome.UPLOAD_CLOSED);
    assertThat(objectFile(ticket.objectKey())).doesNotExist();
  }

  private UploadTicket requestUpload() {
    return store.recordings.requestUpload().requestUpload(new RequestUploadCommand(ALICE, RoomId.of("room-1"),
        Optional.of("call.webm"), WEBM, OptionalLong.of(FIRST.length), Set.of()));
  }

  private Path objectFile(ObjectKey key) {
    return store.data.resolve(FileObjectStorage.OBJECTS_FOLDER).resolve(key.value());
  }

  private java.util.List<Path> staged() throws IOException {
    try (Stream<Path> files = Files.list(store.data.resolve(FileObjectStorage.STAGING_FOLDER))) {
      return files.toList();
    }
  }
}
