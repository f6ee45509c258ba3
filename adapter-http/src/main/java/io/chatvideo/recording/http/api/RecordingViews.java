package io.chatvideo.recording.http.api;

import io.chatvideo.recording.api.RecordingJson;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.UserId;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** A recording of the core as the API shows it. */
final class RecordingViews {

  private RecordingViews() {}

  static RecordingJson json(Recording recording, @Nullable String downloadUrl) {
    RecordingDetails details = recording.details();
    CompletedRecording completed = recording instanceof CompletedRecording done ? done : null;
    Long size = completed != null ? Long.valueOf(completed.storedSize())
        : details.declaredSize().isPresent() ? Long.valueOf(details.declaredSize().getAsLong()) : null;
    List<String> participants = details.participants().stream().map(UserId::value).sorted().toList();
    return new RecordingJson(
        details.id().toString(),
        details.roomId().value(),
        details.filename().value(),
        size,
        IsoInstants.format(details.createdAt()),
        IsoInstants.format(details.expiresAt()),
        recording.status().name(),
        downloadUrl,
        details.contentType().value(),
        participants.isEmpty() ? null : participants,
        completed == null ? null : IsoInstants.format(completed.completedAt()),
        completed == null ? null : completed.duration().map(d -> d.toMillis()).orElse(null));
  }
}
