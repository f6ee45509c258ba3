package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.chatvideo.recording.core.domain.CompletedRecording;
import io.chatvideo.recording.core.domain.Recording;
import io.chatvideo.recording.core.domain.RecordingDetails;
import io.chatvideo.recording.core.domain.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One recording as the API shows it. {@code download_url} is always present, null until the
 * recording is COMPLETED; {@code size} is the stored size once completed, else the declared one.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record RecordingJson(
    @JsonProperty("recording_id") String recordingId,
    @JsonProperty("room_id") String roomId,
    String filename,
    @Nullable Long size,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("expires_at") String expiresAt,
    @Schema(allowableValues = {"PENDING", "COMPLETED", "ABANDONED"}) String status,
    @JsonProperty("download_url") @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "valid for 1 hour by default; null unless COMPLETED", nullable = true)
    @Nullable String downloadUrl,
    @JsonProperty("content_type") String contentType,
    @Nullable List<String> participants,
    @JsonProperty("completed_at") @Nullable String completedAt,
    @JsonProperty("duration_ms") @Nullable Long durationMs) {

  static RecordingJson of(Recording recording, @Nullable String downloadUrl) {
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
        details.createdAt().toString(),
        details.expiresAt().toString(),
        recording.status().name(),
        downloadUrl,
        details.contentType().value(),
        participants.isEmpty() ? null : participants,
        completed == null ? null : completed.completedAt().toString(),
        completed == null ? null : completed.duration().map(d -> d.toMillis()).orElse(null));
  }
}
