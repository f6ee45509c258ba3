package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Starts a recording uploaded with one presigned PUT (the seed's {@code POST /recordings/upload-url}). */
public interface RequestUploadUseCase {

  UploadTicket requestUpload(RequestUploadCommand command);

  /**
   * @param filename what the caller would like the download called; sanitized, defaulted
   * @param size the exact byte count, signed into the URL when given
   * @param participants other users who may see and download the recording
   * @param audioLayout how the audio holds the parties; {@code MIXED} when the uploader does not say
   */
  record RequestUploadCommand(
      UserId caller, RoomId roomId, Optional<String> filename, ContentType contentType, OptionalLong size,
      Set<UserId> participants, AudioLayout audioLayout) {

    public RequestUploadCommand {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(roomId, "roomId");
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(size, "size");
      participants = Participants.check(participants);
      Objects.requireNonNull(audioLayout, "audioLayout");
    }

    /** An upload whose audio is one mix of both parties. */
    public RequestUploadCommand(UserId caller, RoomId roomId, Optional<String> filename, ContentType contentType,
        OptionalLong size, Set<UserId> participants) {
      this(caller, roomId, filename, contentType, size, participants, AudioLayout.MIXED);
    }
  }

  /** Where and until when to upload; {@code upload.headers()} must be sent exactly. */
  record UploadTicket(RecordingId recordingId, ObjectKey objectKey, PresignedRequest upload, Duration expiresIn) {}
}
