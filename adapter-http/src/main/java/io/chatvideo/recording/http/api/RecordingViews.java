package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.api.RenditionJson;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.PartialReason;
import io.chatvideo.recording.core.domain.Processing;
import io.chatvideo.recording.core.domain.ProcessingState;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.core.port.in.RecordingView;
import io.chatvideo.recording.core.port.in.TranscriptsUseCase.Status;
import io.chatvideo.recording.core.port.in.WatchShareUseCase.ShareMedia;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A recording of the core as the API shows it. */
final class RecordingViews {

  private RecordingViews() {}

  /** {@code absolute} turns a signed URL into what the caller can reach (the local store's are relative). */
  static RecordingJson json(RecordingView view, Function<String, String> absolute, Optional<Status> transcript) {
    Recording recording = view.recording();
    RecordingDetails details = recording.details();
    CompletedRecording completed = recording instanceof CompletedRecording done ? done : null;
    Processing processing = completed == null ? null : completed.processing();
    Long size = completed != null ? Long.valueOf(completed.storedSize())
        : details.declaredSize().isPresent() ? Long.valueOf(details.declaredSize().getAsLong()) : null;
    List<String> participants = details.participants().stream().map(UserId::value).sorted().toList();
    List<RenditionJson> renditions = view.renditions().stream()
        .map(r -> new RenditionJson(r.format(), r.contentType().value(), r.size(), absolute.apply(r.download().url())))
        .toList();
    return new RecordingJson(
        details.id().toString(),
        details.roomId().value(),
        details.filename().value(),
        size,
        IsoInstants.format(details.createdAt()),
        IsoInstants.format(details.expiresAt()),
        recording.status().name(),
        view.download().map(d -> absolute.apply(d.url())).orElse(null),
        details.contentType().value(),
        participants.isEmpty() ? null : participants,
        completed == null ? null : IsoInstants.format(completed.completedAt()),
        completed == null ? null : completed.isPartial(),
        completed == null ? null : completed.partial().map(PartialReason::wireName).orElse(null),
        completed == null ? null : completed.duration().map(d -> d.toMillis()).orElse(null),
        processing == null ? null : processing.state().wireName(),
        processing == null ? null : processing.failure().orElse(null),
        processing == null || processing.width().isEmpty() ? null : processing.width().getAsInt(),
        processing == null || processing.height().isEmpty() ? null : processing.height().getAsInt(),
        view.thumbnail().map(t -> absolute.apply(t.url())).orElse(null),
        renditions.isEmpty() ? null : renditions,
        details.audioLayout().wireName(),
        processing == null || processing.state() != ProcessingState.READY || processing.storyboard().isEmpty() ? null
            : absolute.apply("/recordings/" + details.id() + "/media/" + ShareMedia.STORYBOARD_VTT.urlName()),
        transcript.map(t -> t.state().wireName()).orElse(null),
        transcript.flatMap(Status::reason).orElse(null));
  }
}
