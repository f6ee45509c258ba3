package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.SpeakersJson;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.http.auth.Caller;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Who spoke when in a recording: its speaker timeline, a sub-resource of the recording. */
@Controller("/recordings/{id}/speakers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "recordings")
@SecurityRequirement(name = "bearer")
@AnswersProblems
class SpeakersController {

  private final Recordings recordings;

  SpeakersController(Recordings recordings) {
    this.recordings = recordings;
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "When each party spoke (pending until processing made the recording ready; unavailable for "
      + "mixed audio)")
  @AnswersNotFound
  SpeakersJson speakers(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
    return SpeakerViews.json(recordings.speakers().speakers(caller.user(), RecordingId.parse(id)));
  }
}
