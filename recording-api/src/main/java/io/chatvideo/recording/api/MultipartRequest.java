package io.chatvideo.recording.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST /recordings/multipart}: a progressive upload's recording. As with
 * {@link UploadUrlRequest}, the seed's {@code contentType} is still read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MultipartRequest(
    @JsonProperty("room_id") @NotNull(message = Limits.REQUIRED) @Schema(example = "room-42") String roomId,
    @Nullable String filename,
    @JsonProperty("content_type") @Nullable @Schema(defaultValue = "video/webm") String contentType,
    @JsonProperty("contentType") @Nullable
    @Schema(deprecated = true, description = "the seed contract's spelling of content_type") String seedContentType,
    @Schema(description = "other users who may see and download the recording")
    @Size(max = Limits.MAX_LIST, message = Limits.TOO_LONG) @Nullable List<String> participants,
    @JsonProperty("audio_layout") @Nullable
    @Schema(allowableValues = {"per_party", "mixed"}, defaultValue = "mixed", description = "how the audio holds "
        + "the parties: per_party puts the local party (who records) on the left channel and the remote party on "
        + "the right, so who said what can be told apart; mixed is one mix of both") String audioLayout) {

  /** A request in the current spelling. */
  public static MultipartRequest of(String roomId, @Nullable String filename, @Nullable String contentType) {
    return new MultipartRequest(roomId, filename, contentType, null, null, null);
  }

  /** {@code content_type}, else the seed's {@code contentType}. */
  public Optional<String> requestedContentType() {
    return Optional.ofNullable(contentType).or(() -> Optional.ofNullable(seedContentType));
  }
}
