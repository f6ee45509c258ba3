package io.chatvideo.recording.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * The {@code recording.webhook.*} settings (env {@code RECORDING_WEBHOOK_*}).
 *
 * @param url the endpoint every event goes to, besides those registered with {@code recordings admin webhooks add}
 * @param secret its {@code whsec_…} signing secret; required with {@code url}
 * @param allowLoopback let endpoints be plain http on loopback (tests, local development)
 * @param timeout how long one attempt may take, connect to last byte
 * @param retries the waits before each retry of a failed delivery; after the last one it is dead
 * @param retention how long events and the log of their deliveries are kept (the sweep forgets older
 *     ones; on DynamoDB their TTL of 30 days does)
 */
@ConfigurationProperties("recording.webhook")
public record WebhookSettings(
    @Nullable String url,
    @Nullable String secret,
    @Bindable(defaultValue = "false") boolean allowLoopback,
    @Bindable(defaultValue = "15s") @NotNull Duration timeout,
    @Bindable(defaultValue = "5s,5m,30m,2h,5h,10h,1d,1d") @NotNull List<Duration> retries,
    @Bindable(defaultValue = "30d") @NotNull Duration retention) {}
