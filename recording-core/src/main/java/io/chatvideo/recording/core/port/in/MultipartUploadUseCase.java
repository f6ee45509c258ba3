package io.chatvideo.recording.core.port.in;

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

  /** Aborts the upload, drops what was stored and forgets the recording. */
  void abort(UserId caller, RecordingId id);

  record StartMultipartCommand(
      UserId caller, RoomId roomId, Optional<String> filename, ContentType contentType, Set<UserId> participants) {

    public StartMultipartCommand {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(roomId, "roomId");
      Objects.requireNonNull(filename, "filename");
      Objects.requireNonNull(contentType, "contentType");
      participants = Participants.check(participants);
    }
  }

  record MultipartTicket(RecordingId recordingId, ObjectKey objectKey, String uploadId, long minPartSize) {}

  record SignPartsCommand(UserId caller, RecordingId id, List<Integer> partNumbers) {

    public SignPartsCommand {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(id, "id");
      if (partNumbers == null || partNumbers.isEmpty()) {
        throw new InvalidInputException("part_numbers", "must name at least one part");
      }
      if (partNumbers.size() > MAX_PARTS_PER_REQUEST) {
        throw new InvalidInputException("part_numbers", "must name at most " + MAX_PARTS_PER_REQUEST + " parts");
      }
      Set<Integer> seen = new HashSet<>();
      for (Integer number : partNumbers) {
        if (number == null) {
          throw new InvalidInputException("part_numbers", "must not contain null");
        }
        SizePolicy.checkPartNumber(number);
        if (!seen.add(number)) {
          throw new InvalidInputException("part_numbers", "names part " + number + " twice");
        }
      }
      partNumbers = List.copyOf(partNumbers);
    }
  }

  record PartUpload(int partNumber, PresignedRequest upload) {}
}
