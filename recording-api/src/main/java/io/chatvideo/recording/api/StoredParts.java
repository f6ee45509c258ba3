package io.chatvideo.recording.api;

import java.util.List;

/** The answer of {@code GET /recordings/{id}/parts}: what is stored already, to resume an upload. */
public record StoredParts(List<StoredPart> parts) {}
