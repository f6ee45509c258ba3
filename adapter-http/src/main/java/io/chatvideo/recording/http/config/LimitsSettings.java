package io.chatvideo.recording.http.config;

import java.time.Duration;

/**
 * The {@code recording.limits.*} settings: what one user may do, so nobody can fill the store or
 * hold the single SQLite writer for everyone else.
 *
 * @param maxPendingUploads uploads one user may have in progress at once
 * @param maxRecordingBytes bytes in one recording (a single PUT, or the sum of a multipart upload's parts),
 *     counted as upload URLs are signed
 * @param maxBytesPerDay bytes one user may upload in recordings started on one UTC day, counted as upload
 *     URLs are signed and settled to the stored size at completion
 * @param maxUploadWindow how long after a recording was created its upload URLs may still be used, however
 *     often parts are signed
 * @param uploadRequestsPerMinute requests per user and minute to {@code upload-url}, {@code multipart}
 *     and {@code parts} together
 * @param devTokensPerMinute {@code POST /dev/token} requests per client address and minute
 */
public record LimitsSettings(int maxPendingUploads, long maxRecordingBytes, long maxBytesPerDay,
    Duration maxUploadWindow, int uploadRequestsPerMinute, int devTokensPerMinute) {}
