package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.ObjectKey;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.StoredPart;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.out.PresignedRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A progressive upload: parts go up while the call goes on, and a crashed client resumes from the
 * parts already stored. Completion is {@link CompleteUploadUseCase} with the part list.
 */
public interface MultipartUploadUseCase {

  /** Most part URLs signed by one request. */
  int MAX_PARTS_PER_REQUEST = 100;

  MultipartTicket start(StartMultipartCommand command);

  /** Fresh URLs for the given parts; signing also keeps the upload from being swept as abandoned. */
  List<PartUpload> signParts(SignPartsCommand command);

  /** The parts stored so far, to resume an interrupted upload. */
  List<StoredPart> storedParts(UserId caller, RecordingId id);

  /**
   * The upload that replaces a partial recording with the whole call, for its returning client:
   * it holds copies of the parts the server had when it salvaged the recording, under their own
   * numbers; the client signs and puts the rest ({@link #signParts}) and completes with every part
   * ({@link CompleteUploadUseCase}). A {@code ConflictException} when the recording is still an
   * upload, holds the whole call, or its replacement upload is gone.
   */
  ReplacementTicket replacement(UserId caller, RecordingId id);

  /** Aborts the upload, drops what was stored and forgets the recording. */
  void abort(UserId caller, RecordingId id);

  /** {@code audioLayout}: how the audio holds the parties; {@code MIXED} when the uploader does not say. */
  record StartMultipartCommand(
      UserId caller, RoomId roomId, Optional<String> filename, ContentType contentType, Set<UserId> participants,
      AudioLayout audioLayout) {

    public StartMultipartCommand {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(roomId, "roomId");
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(contentType, "contentType");
      participants = Participants.check(participants);
      Objects.requireNonNull(audioLayout, "audioLayout");
    }

    /** An upload whose audio is one mix of both parties. */
    public StartMultipartCommand(UserId caller, RoomId roomId, Optional<String> filename, ContentType contentType,
        Set<UserId> participants) {
      this(caller, roomId, filename, contentType, participants, AudioLayout.MIXED);
    }
  }

  record MultipartTicket(RecordingId recordingId, ObjectKey objectKey, String uploadId, long minPartSize) {}

  /** {@code parts}: what the replacement upload holds already, by ascending part number. */
  record ReplacementTicket(RecordingId recordingId, String uploadId, long minPartSize, List<StoredPart> parts) {

    public ReplacementTicket {
      Objects.requireNonNull(recordingId, "recordingId");
      Objects.requireNonNull(uploadId, "uploadId");
      parts = List.copyOf(parts);
    }
  }

  /**
   * The parts to sign, each with the exact length its URL will accept (storage refuses other
   * lengths); the lengths count towards the upload limits as they are signed.
   */
  record SignPartsCommand(UserId caller, RecordingId id, List<PartLength> parts) {

    public SignPartsCommand {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(id, "id");
      if (parts == null || parts.isEmpty()) {
        throw new InvalidInputException("parts", "must name at least one part");
      }
      if (parts.size() > MAX_PARTS_PER_REQUEST) {
        throw new InvalidInputException("parts", "must name at most " + MAX_PARTS_PER_REQUEST + " parts");
      }
      Set<Integer> seen = new HashSet<>();
      for (PartLength part : parts) {
        if (part == null) {
          throw new InvalidInputException("parts", "must not contain null");
        }
        if (!seen.add(part.partNumber())) {
          throw new InvalidInputException("parts", "names part " + part.partNumber() + " twice");
        }
      }
      parts = List.copyOf(parts);
    }
  }

  /** One part to sign: its number (1 to 10,000) and its exact length (1 byte to 5 GiB). */
  record PartLength(int partNumber, long length) {

    public PartLength {
      SizePolicy.checkPartNumber(partNumber);
      if (length < 1 || length > SizePolicy.MAX_PART_BYTES) {
        throw new InvalidInputException("parts", "part " + partNumber + " must have 1 to " + SizePolicy.MAX_PART_BYTES
            + " bytes, was " + length);
      }
    }
  }

  record PartUpload(int partNumber, PresignedRequest upload) {}
}
