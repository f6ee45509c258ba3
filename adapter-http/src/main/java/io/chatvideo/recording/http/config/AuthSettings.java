package io.chatvideo.recording.http.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code recording.auth.*} settings.
 *
 * @param mode {@code dev} (default) or {@code jwt}
 * @param jwksUrl where the identity provider publishes its keys (jwt mode)
 * @param issuer the exact {@code iss} tokens must carry (jwt mode)
 * @param audience the {@code aud} tokens must contain (jwt mode)
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param devTokenTtl lifetime of tokens from {@code POST /dev/token}
 * @param allowDevWithAws lets dev mode run against the aws backend, for trying a real bucket locally
 */
@ConfigurationProperties("recording.auth")
public record AuthSettings(
    @Bindable(defaultValue = "dev") @NotNull AuthMode mode,
    @Nullable URI jwksUrl,
    @Nullable String issuer,
    @Nullable String audience,
    @Bindable(defaultValue = "30s") @NotNull Duration clockSkew,
    @Bindable(defaultValue = "12h") @NotNull Duration devTokenTtl,
    @Bindable(defaultValue = "false") boolean allowDevWithAws) {

  public Optional<URI> jwks() {
    return Optional.ofNullable(jwksUrl);
  }

  public Optional<String> requiredIssuer() {
    return Optional.ofNullable(issuer).filter(s -> !s.isBlank());
  }

  public Optional<String> requiredAudience() {
    return Optional.ofNullable(audience).filter(s -> !s.isBlank());
  }
}
