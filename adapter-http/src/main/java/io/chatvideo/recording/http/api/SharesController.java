package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.ShareJson;
import io.chatvideo.recording.api.ShareLink;
import io.chatvideo.recording.api.ShareList;
import io.chatvideo.recording.api.ShareRequest;
import io.chatvideo.recording.core.application.Recordings;
import io.chatvideo.recording.core.domain.RecordingId;
import io.chatvideo.recording.core.domain.Share;
import io.chatvideo.recording.core.domain.ShareId;
import io.chatvideo.recording.core.port.in.ShareRecordingUseCase.CreateShareCommand;
import io.chatvideo.recording.core.port.in.ShareRecordingUseCase.CreatedShare;
import io.chatvideo.recording.http.auth.Caller;
import io.micronaut.core.annotation.Nullable;
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
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Share links of one recording, for its owner: a stranger gets the 404 of a recording they cannot
 * see, a participant (who can see it) the 403 of an owner-only action. The link's URL, which carries its token, is told
 * once, on creation.
 */
@Controller("/recordings/{id}/shares")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "shares")
@SecurityRequirement(name = "bearer")
@AnswersProblems
@AnswersForbidden
@AnswersNotFound
class SharesController {

  private final Recordings recordings;
  private final PublicUrls urls;

  SharesController(Recordings recordings, PublicUrls urls) {
    this.recordings = recordings;
    this.urls = urls;
  }

  @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  @Status(HttpStatus.CREATED)
  @Operation(summary = "Make a link that lets anyone holding it watch the recording without signing in (owner only)")
  @AnswersConflict
  ShareLink create(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @Nullable @Body @Valid ShareRequest body) {
    ShareRequest input = body == null ? new ShareRequest(null, null, null) : body;
    CreatedShare created = recordings.shareRecording().create(new CreateShareCommand(caller.user(),
        RecordingId.parse(id), Optional.ofNullable(input.expiresIn()).map(Duration::ofSeconds),
        Optional.ofNullable(input.passcode()), input.allowDownload() == null || input.allowDownload()));
    return new ShareLink(created.share().id().toString(),
        urls.absolute(URI.create("/s/" + created.token().value())),
        IsoInstants.format(created.share().expiresAt()));
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "The recording's share links, oldest first, revoked and expired ones included (owner only)")
  ShareList list(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
    return new ShareList(recordings.shareRecording().list(caller.user(), RecordingId.parse(id)).stream()
        .map(SharesController::json).toList());
  }

  @Delete("/{share_id}")
  @Status(HttpStatus.NO_CONTENT)
  @Operation(summary = "Revoke a share link at once: its page answers 404, its media URLs die within minutes")
  void revoke(@Parameter(hidden = true) Caller caller, @PathVariable String id,
      @PathVariable("share_id") String shareId) {
    recordings.shareRecording().revoke(caller.user(), RecordingId.parse(id), ShareId.parse(shareId));
  }

  private static ShareJson json(Share share) {
    return new ShareJson(share.id().toString(), IsoInstants.format(share.createdAt()),
        IsoInstants.format(share.expiresAt()), share.allowDownload(), share.hasPasscode(), share.revoked(), share.views());
  }
}
