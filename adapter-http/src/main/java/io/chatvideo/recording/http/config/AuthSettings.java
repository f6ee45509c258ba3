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
 * @param allowDevOffLoopback lets dev mode listen on an interface other than loopback (a container
 *     whose port is published to the host only); logged loudly at start-up
 * @param emailClaim the claim holding the user's email address
 * @param emailVerifiedClaim the claim saying the provider verified that address ({@code true} or
 *     {@code "true"}); without it the email is ignored and the user is {@code sub:} + {@code sub}
 * @param userClaim when set, the one claim naming the user, taken as it is (e.g. {@code sub} or
 *     {@code oid}); emails are then ignored altogether
 * @param jwksCacheTtl how long the provider's keys are used before they are fetched again
 * @param jwksOutageTolerance how long the last keys fetched keep being used while the provider
 *     cannot be reached
 */
@ConfigurationProperties("recording.auth")
public record AuthSettings(
    @Bindable(defaultValue = "dev") @NotNull AuthMode mode,
    @Nullable URI jwksUrl,
    @Nullable String issuer,
    @Nullable String audience,
    @Bindable(defaultValue = "30s") @NotNull Duration clockSkew,
    @Bindable(defaultValue = "12h") @NotNull Duration devTokenTtl,
    @Bindable(defaultValue = "false") boolean allowDevWithAws,
    @Bindable(defaultValue = "false") boolean allowDevOffLoopback,
    @Bindable(defaultValue = "email") @NotNull String emailClaim,
    @Bindable(defaultValue = "email_verified") @NotNull String emailVerifiedClaim,
    @Nullable String userClaim,
    @Bindable(defaultValue = "5m") @NotNull Duration jwksCacheTtl,
    @Bindable(defaultValue = "24h") @NotNull Duration jwksOutageTolerance) {

  public Optional<URI> jwks() {
    return Optional.ofNullable(jwksUrl);
  }

  public Optional<String> requiredIssuer() {
    return Optional.ofNullable(issuer).filter(s -> !s.isBlank());
  }

  public Optional<String> singleUserClaim() {
    return Optional.ofNullable(userClaim).filter(s -> !s.isBlank());
  }

  public Optional<String> requiredAudience() {
    return Optional.ofNullable(audience).filter(s -> !s.isBlank());
  }
}
