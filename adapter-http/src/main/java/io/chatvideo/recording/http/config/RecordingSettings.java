package io.chatvideo.recording.http.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's top-level {@code recording.*} settings, as {@link ServerSettings} read them (each
 * declared once in {@link io.chatvideo.recording.wiring.Setting}, with its environment variable).
 *
 * @param backend {@code local} (default) or {@code aws}
 * @param dataDir where the local backend and the dev secret live ({@code RECORDINGS_DATA_DIR})
 * @param uploadUrlExpiry lifetime of upload URLs
 * @param downloadUrlExpiry lifetime of download URLs
 * @param maxUploadSize largest single upload in bytes
 * @param sweepInterval how often the local backend removes expired and abandoned recordings
 * @param publicBase absolute base for the local backend's relative URLs; without it, the request's own origin
 * @param webDir directory of the built web client served at {@code /}
 */
public record RecordingSettings(BackendKind backend, Path dataDir, Duration uploadUrlExpiry,
    Duration downloadUrlExpiry, long maxUploadSize, Duration sweepInterval, Optional<URI> publicBase, Path webDir) {}
