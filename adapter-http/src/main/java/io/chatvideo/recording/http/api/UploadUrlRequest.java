package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /recordings/upload-url} (the seed contract). {@code contentType} is
 * accepted as well as {@code content_type}; it defaults to {@code video/webm}.
 */
@Serdeable
record UploadUrlRequest(
    @JsonProperty("room_id") @Schema(example = "room-42", requiredMode = Schema.RequiredMode.REQUIRED) String roomId,
    @Nullable String filename,
    @JsonProperty("content_type") @Schema(example = "video/webm;codecs=vp8,opus", defaultValue = "video/webm")
    @Nullable String contentType,
    @Schema(description = "exact byte count, signed into the URL when given") @Nullable Long size,
    @Schema(description = "other users who may see and download the recording") @Nullable List<String> participants) {

  static UploadUrlRequest read(@Nullable JsonNode body) {
    JsonFields fields = JsonFields.of(body, false);
    return new UploadUrlRequest(
        fields.text("room_id").orElse(null),
        fields.text("filename").orElse(null),
        contentType(fields),
        fields.wholeNumber("size").isPresent() ? fields.wholeNumber("size").getAsLong() : null,
        fields.texts("participants").orElse(null));
  }

  /** {@code content_type}, or the seed's {@code contentType}. */
  static @Nullable String contentType(JsonFields fields) {
    return fields.text("content_type").or(() -> fields.text("contentType")).orElse(null);
  }
}
