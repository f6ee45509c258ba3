package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.MultipartRequest;
import io.chatvideo.recording.api.MultipartTicket;
import io.chatvideo.recording.api.PartUpload;
import io.chatvideo.recording.api.PartToSign;
import io.chatvideo.recording.api.PartUploads;
import io.chatvideo.recording.api.ReplacementTicket;
import io.chatvideo.recording.api.SignPartsRequest;
import io.chatvideo.recording.api.StoredPart;
import io.chatvideo.recording.api.StoredParts;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.PartLength;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.SignPartsCommand;
import io.chatvideo.recording.core.port.in.MultipartUploadUseCase.StartMultipartCommand;
import io.chatvideo.recording.http.auth.Caller;
import io.chatvideo.recording.http.ops.UploadMetrics;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Progressive (multipart) uploads: start, sign part URLs, list stored parts to resume, abort. Not
 * final: validating the {@code @Valid} bodies is advice around these methods.
 */
@Controller("/recordings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "multipart uploads")
@SecurityRequirement(name = "bearer")
@AnswersProblems
class MultipartController {

  private final Recordings recordings;
  private final PublicUrls urls;
  private final UploadMetrics metrics;
  private final Clock clock;

  MultipartController(Recordings recordings, PublicUrls urls, UploadMetrics metrics, Clock clock) {
    this.recordings = recordings;
    this.urls = urls;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Post(value = "/multipart", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Status(HttpStatus.CREATED)
  @Operation(summary = "Start a progressive upload; parts go up while the call goes on")
  @AnswersTooLarge
  MultipartTicket start(@Parameter(hidden = true) Caller caller, @Body @Valid MultipartRequest body) {
    var ticket = recordings.multipartUpload().start(new StartMultipartCommand(
        caller.user(),
        RoomId.of(body.roomId()),
        Optional.ofNullable(body.filename()),
        RecordingsController.contentType(body.requestedContentType()),
        RecordingsController.participants(body.participants()),
        AudioLayout.parse(Optional.ofNullable(body.audioLayout()))));
    metrics.requested();
    return new MultipartTicket(ticket.recordingId().toString(), ticket.objectKey().value(), ticket.uploadId(),
        ticket.minPartSize(), recordings.processingEnabled());
  }

  @Post(value = "/{id}/parts", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "Presigned PUT URLs for the given parts (at most 100 per request), each bound to its size",
      description = "The sizes count towards recording.limits.max-recording-bytes (400 past it) and "
          + "max-bytes-per-day (429 past it) as they are signed; signing a part again counts its largest size "
          + "once. No URL outlives the upload window (recording.limits.max-upload-window after the start; 409 "
          + "after it).")
  @AnswersForbidden
  @AnswersNotFound
  @AnswersConflict
  @AnswersTooLarge
  PartUploads signParts(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @Body @Valid SignPartsRequest body) {
    RecordingId recordingId = RecordingId.parse(id);
    return new PartUploads(recordings.multipartUpload()
        .signParts(new SignPartsCommand(caller.user(), recordingId, partsToSign(body)))
        .stream()
        .map(part -> new PartUpload(part.partNumber(), urls.absolute(part.upload().url()),
            HeaderNames.canonical(part.upload().headers()),
            Math.max(0, Duration.between(clock.instant(), part.upload().expiresAt()).toSeconds())))
        .toList());
  }

  /** Bean validation does not reach into a list's items here, so the required fields are checked as they map. */
  private static List<PartLength> partsToSign(SignPartsRequest body) {
    if (body.parts() == null) {
      throw new InvalidInputException("parts", body.partNumbers() == null ? "is required"
          : "are required with their sizes: send parts: [{part_number, size}] instead of part_numbers, "
              + "since each part URL accepts exactly its size");
    }
    List<PartLength> parts = new ArrayList<>();
    for (PartToSign part : body.parts()) {
      if (part == null) {
        throw new InvalidInputException("parts", "must not contain null");
      }
      if (part.partNumber() == null) {
        throw new InvalidInputException("parts", "every part needs a part_number");
      }
      if (part.size() == null) {
        throw new InvalidInputException("parts", "every part needs its size");
      }
      parts.add(new PartLength(part.partNumber(), part.size()));
    }
    return parts;
  }

  @Get(value = "/{id}/parts", produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "The parts stored so far, to resume an interrupted upload")
  @AnswersForbidden
  @AnswersNotFound
  @AnswersConflict
  StoredParts storedParts(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
    return new StoredParts(recordings.multipartUpload().storedParts(caller.user(), RecordingId.parse(id)).stream()
        .map(part -> new StoredPart(part.partNumber(), part.etag(), part.size()))
        .toList());
  }

  @Post(value = "/{id}/replacement", produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "The upload that replaces a partial recording with the whole call",
      description = "For the browser that comes back after the server salvaged its recording (partial: true): "
          + "the upload holds copies of the parts the server had; sign and put the others, then complete with "
          + "every part. 409 when the recording holds the whole call, is still an upload, or the replacement "
          + "upload is gone; 404 when it was deleted or expired.")
  @AnswersForbidden
  @AnswersNotFound
  @AnswersConflict
  ReplacementTicket replacement(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
    var ticket = recordings.multipartUpload().replacement(caller.user(), RecordingId.parse(id));
    return new ReplacementTicket(ticket.recordingId().toString(), ticket.uploadId(), ticket.minPartSize(),
        ticket.parts().stream().map(part -> new StoredPart(part.partNumber(), part.etag(), part.size())).toList());
  }

  @Delete("/{id}/upload")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Abort an upload in progress and forget the recording")
  @AnswersForbidden
  @AnswersNotFound
  @AnswersConflict
  void abort(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
    recordings.multipartUpload().abort(caller.user(), RecordingId.parse(id));
  }
}
