package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.TranscriptJson;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Transcript;
import io.chatvideo.recording.core.port.in.TranscriptsUseCase.TranscriptView;
import io.chatvideo.recording.http.api.TranscriptDocuments.Format;
import io.chatvideo.recording.http.auth.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** What was said in a recording, per party: its transcript, a sub-resource of the recording. */
@Controller("/recordings/{id}/transcript")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "recordings")
@SecurityRequirement(name = "bearer")
@AnswersProblems
class TranscriptController {

  private final Recordings recordings;

  TranscriptController(Recordings recordings) {
    this.recordings = recordings;
  }

  @Get(produces = {MediaType.APPLICATION_JSON, "text/vtt", MediaType.TEXT_PLAIN})
  @Operation(summary = "What each party said: WebVTT captions (the speaker as a voice tag), JSON segments, or "
      + "plain text; 409 until the recording's transcript is ready")
  @ApiResponse(responseCode = "200", description = "the transcript in the format asked for", content = {
      @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TranscriptJson.class)),
      @Content(mediaType = "text/vtt", schema = @Schema(type = "string")),
      @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = "string"))})
  @AnswersNotFound
  @AnswersConflict
  HttpResponse<?> transcript(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @Parameter(description = "vtt, json (the default) or txt") @Nullable @QueryValue String format) {
    Format chosen = format == null ? Format.JSON : Format.parse(format);
    TranscriptView view = recordings.transcripts().transcript(caller.user(), RecordingId.parse(id));
    Transcript transcript = TranscriptDocuments.ready(view);
    return switch (chosen) {
      case JSON -> HttpResponse.ok(TranscriptDocuments.json(view, transcript)).contentType(MediaType.APPLICATION_JSON);
      case VTT -> HttpResponse.ok(TranscriptDocuments.vtt(view, transcript)).contentType(chosen.contentType());
      case TXT -> HttpResponse.ok(TranscriptDocuments.txt(view, transcript)).contentType(chosen.contentType());
    };
  }
}
