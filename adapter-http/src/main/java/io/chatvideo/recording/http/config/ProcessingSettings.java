package io.chatvideo.recording.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The {@code recording.processing.*} settings (env {@code RECORDING_PROCESSING_*}): what happens
 * to a recording after its upload.
 *
 * @param enabled on, off, or unset: on when ffmpeg is found (one log line says which)
 * @param workers jobs this server runs at once; 0 runs none and needs no ffmpeg: completed recordings are
 *     queued for {@code recordings worker} elsewhere
 * @param mp4 whether an MP4 rendition is made
 * @param timeout the base time limit of one ffmpeg step; each step adds a multiple of the recording's duration
 * @param ffmpeg the ffmpeg program (a path, or a name looked up on {@code PATH}); ffprobe is beside it
 * @param lease how long a worker holds any job (processing, webhooks, mail) without a sign of life:
 *     a running job's lease is renewed every third of it, so a worker that died gives its job back
 *     this much later at most, however long the job takes (the job runtime's {@code JobPolicy})
 * @param maxDuration the longest recording processed, by its packets (never its header): a longer one
 *     fails {@code too_long}; a recording is never processed longer than its retention either
 */
@ConfigurationProperties("recording.processing")
public record ProcessingSettings(
    @Nullable Boolean enabled,
    @Bindable(defaultValue = "1") int workers,
    @Bindable(defaultValue = "true") boolean mp4,
    @Bindable(defaultValue = "2m") @NotNull Duration timeout,
    @Bindable(defaultValue = "ffmpeg") @NotNull String ffmpeg,
    @Bindable(defaultValue = "1m") @NotNull Duration lease,
    @Bindable(defaultValue = "12h") @NotNull Duration maxDuration) {}
