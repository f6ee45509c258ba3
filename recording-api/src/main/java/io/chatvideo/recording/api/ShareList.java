package io.chatvideo.recording.api;

import java.util.List;

/** The links of one recording, oldest first, revoked and expired ones included. */
public record ShareList(List<ShareJson> shares) {}
