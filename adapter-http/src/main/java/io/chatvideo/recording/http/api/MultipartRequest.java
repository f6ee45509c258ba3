package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The body of {@code POST /recordings/multipart}: a progressive upload's recording. */
@Serdeable
record MultipartRequest(
    @JsonProperty("room_id") @Schema(example = "room-42", requiredMode = Schema.RequiredMode.REQUIRED) String roomId,
    @Nullable String filename,
    @JsonProperty("content_type") @Schema(defaultValue = "video/webm") @Nullable String contentType,
    @Nullable List<String> participants) {

  static MultipartRequest read(@Nullable JsonNode body) {
    JsonFields fields = JsonFields.of(body, false);
    return new MultipartRequest(
        fields.text("room_id").orElse(null),
        fields.text("filename").orElse(null),
        UploadUrlRequest.contentType(fields),
        fields.texts("participants").orElse(null));
  }
}
