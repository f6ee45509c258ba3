package io.chatvideo.recording.http.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** The answer of {@code POST /recordings/multipart}. */
@Serdeable
record MultipartStarted(
    @JsonProperty("recording_id") String recordingId,
    @JsonProperty("s3_key") String s3Key,
    @JsonProperty("upload_id") String uploadId,
    @JsonProperty("min_part_size") long minPartSize) {}
