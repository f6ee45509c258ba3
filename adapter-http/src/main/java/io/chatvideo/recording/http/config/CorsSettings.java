package io.chatvideo.recording.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * {@code recording.cors.origins}: the web client's origins allowed to call the API (and, with the
 * aws backend's bootstrap, to PUT to the bucket) from another origin. application.properties
 * holds the default, the Vite dev server, and feeds the same list to Micronaut's CORS filter.
 */
@ConfigurationProperties("recording.cors")
public record CorsSettings(@NotNull List<String> origins) {}
