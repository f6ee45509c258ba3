package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** The answer of {@code POST /recordings/{id}/parts}: one presigned PUT per part; keep each response's ETag. */
@Serdeable
record PartUploads(List<PartUpload> parts) {

  @Serdeable
  record PartUpload(
      @JsonProperty("part_number") int partNumber,
      @JsonProperty("upload_url") String uploadUrl,
      @JsonProperty("upload_headers") Map<String, String> uploadHeaders,
      @JsonProperty("expires_in") long expiresIn) {}
}
