package io.chatvideo.recording.api;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What was said in a recording ({@code GET /recordings/{id}/transcript?format=json}): one segment
 * per phrase, each heard on its party's own audio channel, in time order.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TranscriptJson(
    @JsonProperty("recording_id") @Schema(requiredMode = REQUIRED) String recordingId,
    @Schema(requiredMode = REQUIRED, description = "who made it: embedded (PocketSphinx) or openai") String engine,
    @Schema(requiredMode = REQUIRED, description = "each phrase, in time order") List<SegmentJson> segments) {

  /** {@code speaker} ({@code party}) said {@code text} from {@code start_ms} to {@code end_ms}. */
  public record SegmentJson(
      @Schema(allowableValues = {"local", "remote"}, requiredMode = REQUIRED,
          description = "local: who recorded (left channel); remote: the other party (right channel)") String party,
      @Schema(requiredMode = REQUIRED, description = "the party's name for people: the local part of the owner's "
          + "(local) or the one participant's (remote) email, else Local or Remote") String speaker,
      @JsonProperty("start_ms") @Schema(requiredMode = REQUIRED) long startMs,
      @JsonProperty("end_ms") @Schema(requiredMode = REQUIRED) long endMs,
      @Schema(requiredMode = REQUIRED) String text) {}
}
