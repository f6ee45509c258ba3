package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * Who spoke when in a recording ({@code GET /recordings/{id}/speakers}, and the {@code speakers}
 * of a {@code recording.transcribed} event): found after processing, from one audio channel per
 * party. {@code reason} only when unavailable or failed; {@code talk_ms} and {@code segments} only
 * when ready.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpeakersJson(
    @JsonProperty("recording_id") @Schema(requiredMode = REQUIRED) String recordingId,
    @JsonProperty("audio_layout") @Schema(allowableValues = {"per_party", "mixed"}, requiredMode = REQUIRED)
    String audioLayout,
    @Schema(allowableValues = {"pending", "ready", "unavailable", "failed"}, requiredMode = REQUIRED,
        description = "pending until processing made the recording ready and the timeline was found")
    String state,
    @Schema(description = "why there is no timeline: mixed_audio (the parties were mixed before upload), no_audio, "
        + "one_channel (the recorder fell back to one microphone), or the engine's failure")
    @Nullable String reason,
    @JsonProperty("talk_ms") @Schema(description = "how long each party spoke, in milliseconds")
    @Nullable TalkTimeJson talkMs,
    @Schema(description = "each stretch of speech, in time order") @Nullable List<SpeechSegmentJson> segments) {

  /** Milliseconds each party spoke. */
  public record TalkTimeJson(@Schema(requiredMode = REQUIRED) long local, @Schema(requiredMode = REQUIRED) long remote) {}

  /** {@code party} spoke from {@code start_ms} to {@code end_ms} of the recording. */
  public record SpeechSegmentJson(
      @Schema(allowableValues = {"local", "remote"}, requiredMode = REQUIRED,
          description = "local: who recorded (left channel); remote: the other party (right channel)") String party,
      @JsonProperty("start_ms") @Schema(requiredMode = REQUIRED) long startMs,
      @JsonProperty("end_ms") @Schema(requiredMode = REQUIRED) long endMs) {}
}
