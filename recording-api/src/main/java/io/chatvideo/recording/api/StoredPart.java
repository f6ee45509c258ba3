package io.chatvideo.recording.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A part the storage holds already. */
public record StoredPart(@JsonProperty("part_number") int partNumber, String etag, long size) {}
