package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.CompleteRequest;
import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.api.RecordingList;
import io.chatvideo.recording.api.UploadTicket;
import io.chatvideo.recording.api.UploadUrlRequest;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.AudioLayout;
import io.chatvideo.recording.core.domain.CompletedPart;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.ContentType;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.RecordingFilter;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.RoomId;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.CompleteUploadUseCase.CompleteUploadCommand;
import io.chatvideo.recording.core.port.in.ListRecordingsUseCase.ListRecordingsQuery;
import io.chatvideo.recording.core.port.in.RecordingPage;
import io.chatvideo.recording.core.port.in.RecordingView;
import io.chatvideo.recording.core.port.in.RequestUploadUseCase.RequestUploadCommand;
import io.chatvideo.recording.core.port.in.TranscriptsUseCase;
import io.chatvideo.recording.http.auth.Caller;
import io.chatvideo.recording.http.ops.UploadMetrics;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Single-PUT uploads, listings and single recordings. Runs on the blocking pool: the use cases
 * talk to SQLite, DynamoDB or S3. Not final: validating the {@code @Valid} bodies is advice around
 * these methods.
 */
@Controller("/recordings")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "recordings")
@SecurityRequirement(name = "bearer")
@AnswersProblems
class RecordingsController {

  static final int DEFAULT_LIMIT = 50;

  private final Recordings recordings;
  private final PublicUrls urls;
  private final UploadMetrics metrics;

  RecordingsController(Recordings recordings, PublicUrls urls, UploadMetrics metrics) {
    this.recordings = recordings;
    this.urls = urls;
    this.metrics = metrics;
  }

  @Post(value = "/upload-url", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Status(HttpStatus.CREATED)
  @Operation(summary = "Start a recording uploaded with one presigned PUT")
  @AnswersTooLarge
  UploadTicket uploadUrl(@Parameter(hidden = true) Caller caller, @Body @Valid UploadUrlRequest body) {
    var ticket = recordings.requestUpload().requestUpload(new RequestUploadCommand(
        caller.user(),
        RoomId.of(body.roomId()),
        Optional.ofNullable(body.filename()),
        contentType(body.requestedContentType()),
        body.size() == null ? OptionalLong.empty() : OptionalLong.of(body.size()),
        participants(body.participants()),
        AudioLayout.parse(Optional.ofNullable(body.audioLayout()))));
    metrics.requested();
    return new UploadTicket(urls.absolute(ticket.upload().url()), ticket.recordingId().toString(),
        ticket.objectKey().value(), ticket.expiresIn().toSeconds(), HeaderNames.canonical(ticket.upload().headers()));
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "List your recordings, or a room's recordings you own or take part in, newest first;"
      + " filter by status, processing, creation time, text and participant")
  RecordingList list(@Parameter(hidden = true) Caller caller,
      @Parameter(description = "a room's recordings you own or take part in; without it, the ones you own")
      @QueryValue("room_id") @Nullable String roomId,
      @QueryValue("limit") @Nullable Integer limit,
      @Parameter(description = "the next_token of the previous page, sent with the same query it came from")
      @QueryValue("next_token") @Nullable String nextToken,
      @Parameter(description = "PENDING, COMPLETED or ABANDONED",
          schema = @Schema(allowableValues = {"PENDING", "COMPLETED", "ABANDONED"})) @QueryValue("status") @Nullable String status,
      @Parameter(description = "queued, running, ready, failed or off (completed recordings only)",
          schema = @Schema(allowableValues = {"queued", "running", "ready", "failed", "off"}))
      @QueryValue("processing") @Nullable String processing,
      @Parameter(description = "created at or after this ISO-8601 instant (inclusive), e.g. 2026-11-01T00:00:00Z",
          schema = @Schema(format = "date-time"))
      @QueryValue("from") @Nullable String from,
      @Parameter(description = "created before this ISO-8601 instant (exclusive)", schema = @Schema(format = "date-time"))
      @QueryValue("to") @Nullable String to,
      @Parameter(description = "text in the file name or the room, any case, 1 to 200 characters",
          schema = @Schema(minLength = 1, maxLength = 200))
      @QueryValue("q") @Nullable String q,
      @Parameter(description = "a user listed among the recording's participants")
      @QueryValue("participant") @Nullable String participant,
      @Parameter(description = "newest (default) or oldest first",
          schema = @Schema(allowableValues = {"newest", "oldest"})) @QueryValue("sort") @Nullable String sort) {
    RecordingFilter filter = RecordingFilter.parse(Optional.ofNullable(roomId), Optional.ofNullable(status),
        Optional.ofNullable(processing), Optional.ofNullable(from), Optional.ofNullable(to), Optional.ofNullable(q),
        Optional.ofNullable(participant), Optional.ofNullable(sort));
    RecordingPage page = recordings.listRecordings().list(new ListRecordingsQuery(
        caller.user(),
        filter,
        limit == null ? DEFAULT_LIMIT : limit,
        Optional.ofNullable(nextToken)));
    // One read of the transcripts' store for the page, not one per item.
    Map<RecordingId, TranscriptsUseCase.Status> transcripts = recordings.transcripts().statuses(
        page.recordings().stream().map(RecordingView::recording).toList());
    return new RecordingList(page.recordings().stream()
        .map(view -> json(view, Optional.ofNullable(transcripts.get(view.recording().id())))).toList(),
        page.nextToken().orElse(null));
  }

  @Get(value = "/{id}", produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "One recording, with a fresh download_url once COMPLETED")
  @AnswersNotFound
  RecordingJson get(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
    return json(recordings.getRecording().get(caller.user(), RecordingId.parse(id)));
  }

  @Post(value = "/{id}/complete", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "Verify the upload (single PUT, or multipart with its parts) and mark it COMPLETED")
  @AnswersForbidden
  @AnswersNotFound
  @AnswersConflict
  @AnswersTooLarge
  RecordingJson complete(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @Nullable @Body @Valid CompleteRequest body) {
    RecordingId recordingId = RecordingId.parse(id);
    CompleteRequest input = body == null ? new CompleteRequest(null, null) : body;
    CompletedRecording completed = recordings.completeUpload().complete(new CompleteUploadCommand(caller.user(),
        recordingId, completedParts(input), Optional.ofNullable(input.durationMs()).map(Duration::ofMillis)));
    metrics.completed();
    return json(recordings.getRecording().get(caller.user(), completed.id()));
  }

  @Delete("/{id}")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Delete the recording's object and metadata (owner only)")
  @AnswersForbidden
  @AnswersNotFound
  void delete(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
    recordings.deleteRecording().delete(caller.user(), RecordingId.parse(id));
  }

  private RecordingJson json(RecordingView view) {
    return json(view, recordings.transcripts().status(view.recording()));
  }

  private RecordingJson json(RecordingView view, Optional<TranscriptsUseCase.Status> transcript) {
    return RecordingViews.json(view, (String url) -> urls.absolute(url), transcript);
  }

  private static Optional<List<CompletedPart>> completedParts(CompleteRequest request) {
    return Optional.ofNullable(request.parts()).map(parts -> parts.stream()
        .map(RecordingsController::completedPart)
        .toList());
  }

  /** Bean validation does not reach into a list's items here, so the required fields are checked as they map. */
  private static CompletedPart completedPart(io.chatvideo.recording.api.CompletedPart part) {
    if (part == null) {
      throw new InvalidInputException("parts", "must not contain null");
    }
    if (part.partNumber() == null) {
      throw new InvalidInputException("parts", "every part needs a part_number");
    }
    if (part.etag() == null) {
      throw new InvalidInputException("parts", "every part needs an etag");
    }
    return new CompletedPart(part.partNumber(), part.etag());
  }

  static ContentType contentType(Optional<String> text) {
    return text.map(ContentType::parse).orElse(ContentType.DEFAULT);
  }

  static Set<UserId> participants(@Nullable List<String> users) {
    if (users == null) {
      return Set.of();
    }
    Set<UserId> ids = new HashSet<>();
    for (String user : users) {
      try {
        ids.add(UserId.of(user));
      } catch (InvalidInputException e) {
        throw new InvalidInputException("participants", "every entry must be a user id (email or subject); one "
            + e.reason());
      }
    }
    return ids;
  }
}
