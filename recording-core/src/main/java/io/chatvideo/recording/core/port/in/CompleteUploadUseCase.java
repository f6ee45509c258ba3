package io.chatvideo.recording.core.port.in;

import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.SizePolicy;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.domain.CompletedPart;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies an upload and marks the recording COMPLETED. Completing a completed recording again
 * answers it unchanged, so a client may retry after a lost response.
 */
public interface CompleteUploadUseCase {

  CompletedRecording complete(CompleteUploadCommand command);

  /**
   * @param parts for a multipart upload, its parts in ascending order; empty for a single PUT
   * @param duration the recording's length, if the client knows it
   */
  record CompleteUploadCommand(UserId caller, RecordingId id, Optional<List<CompletedPart>> parts,
      Optional<Duration> duration) {

    public CompleteUploadCommand {
      Objects.requireNonNull(caller, "caller");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(parts, "parts");
      Objects.requireNonNull(duration, "duration");
      parts = parts.map(CompleteUploadCommand::checkParts);
      if (duration.isPresent() && duration.get().isNegative()) {
        throw new InvalidInputException("duration_ms", "must not be negative");
      }
    }

    private static List<CompletedPart> checkParts(List<CompletedPart> parts) {
      if (parts.isEmpty()) {
        throw new InvalidInputException("parts", "must list at least one part");
      }
      if (parts.size() > SizePolicy.MAX_PARTS) {
        throw new InvalidInputException("parts", "must list at most " + SizePolicy.MAX_PARTS + " parts");
      }
      int previous = 0;
      for (CompletedPart part : parts) {
        if (part == null) {
          throw new InvalidInputException("parts", "must not contain null");
        }
        SizePolicy.checkPartNumber(part.partNumber());
        if (part.partNumber() <= previous) {
          throw new InvalidInputException("parts", "must be in strictly ascending part_number order");
        }
        if (part.etag().isBlank()) {
          throw new InvalidInputException("parts", "part " + part.partNumber() + " has no etag");
        }
        previous = part.partNumber();
      }
      return List.copyOf(parts);
    }
  }
}
