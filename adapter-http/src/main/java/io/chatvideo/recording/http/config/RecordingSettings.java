package io.chatvideo.recording.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code recording.*} settings; each also comes from an environment variable such as
 * {@code RECORDING_UPLOAD_URL_EXPIRY}. The core's policies check the values when
 * {@link ServerSettings} builds them, so a wrong value stops start-up with one clear line.
 *
 * @param backend {@code local} (default) or {@code aws}
 * @param dataDir where the local backend and the dev secret live ({@code RECORDINGS_DATA_DIR})
 * @param retention how long a recording lives
 * @param uploadUrlExpiry lifetime of upload URLs
 * @param downloadUrlExpiry lifetime of download URLs
 * @param maxUploadSize largest single upload in bytes
 * @param sweepInterval how often the local backend removes expired and abandoned recordings
 * @param publicUrl absolute base for the local backend's relative URLs; without it, the request's own origin
 * @param webDir directory of the built web client served at {@code /}
 */
@ConfigurationProperties("recording")
public record RecordingSettings(
    @Bindable(defaultValue = "local") @NotNull BackendKind backend,
    @Bindable(defaultValue = "./data") @NotNull Path dataDir,
    @Bindable(defaultValue = "30d") @NotNull Duration retention,
    @Bindable(defaultValue = "30m") @NotNull Duration uploadUrlExpiry,
    @Bindable(defaultValue = "1h") @NotNull Duration downloadUrlExpiry,
    @Bindable(defaultValue = "5368709120") long maxUploadSize,
    @Bindable(defaultValue = "10m") @NotNull Duration sweepInterval,
    @Nullable URI publicUrl,
    @Bindable(defaultValue = "web-client/dist") @NotNull Path webDir) {

  public Optional<URI> publicBase() {
    return Optional.ofNullable(publicUrl);
  }
}
