package io.chatvideo.recording.api;

import java.util.List;

/** The answer of {@code POST /recordings/{id}/parts}: one presigned PUT per part asked for. */
public record PartUploads(List<PartUpload> parts) {}
