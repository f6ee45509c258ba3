package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * One recording as the API shows it. {@code download_url} is always present, null until the
 * recording is COMPLETED; {@code size} is the stored size once completed, else the declared one,
 * and absent when neither is known. The other absent-when-unknown fields are omitted, not null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RecordingJson(
    @JsonProperty("recording_id") String recordingId,
    @JsonProperty("room_id") String roomId,
    String filename,
    @Nullable Long size,
    @JsonProperty("created_at") @Schema(format = "date-time", requiredMode = REQUIRED) String createdAt,
    @JsonProperty("expires_at") @Schema(format = "date-time", requiredMode = REQUIRED) String expiresAt,
    @Schema(allowableValues = {"PENDING", "COMPLETED", "ABANDONED"}, requiredMode = REQUIRED) String status,
    @JsonProperty("download_url") @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(description = "valid for 1 hour by default; null unless COMPLETED", nullable = true,
        requiredMode = REQUIRED)
    @Nullable String downloadUrl,
    @JsonProperty("content_type") String contentType,
    @Schema(description = "the other users who may see it, sorted; absent when none")
    @Nullable List<String> participants,
    @JsonProperty("completed_at") @Schema(format = "date-time") @Nullable String completedAt,
    @Schema(description = "true when the server completed the upload itself with the bytes it had, because the"
        + " client never completed it before its window closed: the call up to the last part that arrived (see"
        + " partial_reason); false for a whole recording; absent unless COMPLETED. The browser that comes back"
        + " with the rest of the call replaces it (POST /recordings/{id}/replacement): the same recording then"
        + " holds the whole call, partial false, processed again, announced by recording.completed with"
        + " replaces_partial true")
    @Nullable Boolean partial,
    @JsonProperty("partial_reason") @Schema(allowableValues = {"client_gone"},
        description = "why a partial recording is partial; client_gone: the browser never came back to finish"
            + " the upload")
    @Nullable String partialReason,
    @JsonProperty("duration_ms")
    @Schema(description = "the client's word at completion, the probed duration once processing is ready")
    @Nullable Long durationMs,
    @Schema(allowableValues = {"queued", "running", "ready", "failed", "off"},
        description = "what processing made of a COMPLETED recording; absent before")
    @Nullable String processing,
    @JsonProperty("processing_error") @Schema(description = "why processing failed; the original stays downloadable")
    @Nullable String processingError,
    @Schema(description = "frame width in pixels, once probed") @Nullable Integer width,
    @Schema(description = "frame height in pixels, once probed") @Nullable Integer height,
    @JsonProperty("thumbnail_url") @Schema(description = "a JPEG poster, at most 640 px wide, once ready")
    @Nullable String thumbnailUrl,
    @Schema(description = "the playable files of a ready recording") @Nullable List<RenditionJson> renditions,
    @JsonProperty("audio_layout") @Schema(allowableValues = {"per_party", "mixed"},
        description = "per_party: the original's left channel is the local party, the right the remote party; the "
            + "MP4 has both in both ears. Always sent by this server; an older one sends none (read it as mixed)")
    @Nullable String audioLayout,
    @JsonProperty("storyboard_url")
    @Schema(description = "scrubbing previews of a ready recording with video: a WebVTT track at the recording's"
        + " stable media address (/recordings/{id}/media/storyboard.vtt, which takes the bearer header or the media"
        + " cookie) whose cues name regions of one JPEG sprite as storyboard.jpg#xywh=x,y,w,h, relative to the"
        + " track; absent when processing made none")
    @Nullable String storyboardUrl,
    @Schema(allowableValues = {"queued", "running", "ready", "failed", "skipped", "off"},
        description = "what was said, per party (GET /recordings/{id}/transcript): queued until processing made the "
            + "recording ready and the engine ran (also between retries), skipped when the parties cannot be told "
            + "apart (see transcript_error), off when no engine is configured; absent unless COMPLETED")
    @Nullable String transcript,
    @JsonProperty("transcript_error")
    @Schema(allowableValues = {"no_audio", "engine_down", "engine_timeout", "language_unsupported",
        "answer_too_large", "bad_answer", "engine_refused", "mixed_audio", "one_channel", "not_processed"},
        description = "why the transcript failed or was skipped; the video is not affected")
    @Nullable String transcriptError) {}
