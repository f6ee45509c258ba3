package io.chatvideo.recording.core.application;

import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.UploadTicket;
import io.chatvideo.recording.core.testing.InMemoryObjectStorage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A single-PUT upload of {@code content} into room-1, stored and completed: the start of the job tests. */
final class CompletedUpload {

  private CompletedUpload() {}

  static RecordingId complete(Recordings recordings, InMemoryObjectStorage storage, UserId owner, String filename,
      String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    UploadTicket ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(owner, RoomId.of("room-1"),
        Optional.of(filename), ContentType.DEFAULT, OptionalLong.of(bytes.length), Set.of()));
    storage.put(ticket.objectKey(), bytes);
    recordings.completeUpload().complete(new CompleteUploadCommand(owner, ticket.recordingId(), Optional.empty(),
        Optional.empty()));
    return ticket.recordingId();
  }
}
