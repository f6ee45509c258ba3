package io.chatvideo.recording.http.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code recording.auth.*} settings, as {@link ServerSettings} read them (declared in
 * {@link io.chatvideo.recording.wiring.Setting}).
 *
 * @param mode {@code dev} (default) or {@code jwt}
 * @param jwks where the identity provider publishes its keys (jwt mode)
 * @param requiredIssuer the exact {@code iss} tokens must carry (jwt mode)
 * @param requiredAudience the {@code aud} tokens must contain (jwt mode)
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param devTokenTtl lifetime of tokens from {@code POST /dev/token}
 * @param allowDevWithAws lets dev mode run against the aws backend, for trying a real bucket locally
 * @param allowDevOffLoopback lets dev mode listen on an interface other than loopback (a container
 *     whose port is published to the host only); logged loudly at start-up
 * @param emailClaim the claim holding the user's email address
 * @param emailVerifiedClaim the claim saying the provider verified that address ({@code true} or
 *     {@code "true"}); without it the email is ignored and the user is {@code sub:} + {@code sub}
 * @param singleUserClaim when set, the one claim naming the user, taken as it is (e.g. {@code sub} or
 *     {@code oid}); emails are then ignored altogether
 * @param jwksCacheTtl how long the provider's keys are used before they are fetched again
 * @param jwksOutageTolerance how long the last keys fetched keep being used while the provider
 *     cannot be reached
 */
public record AuthSettings(
    AuthMode mode,
    Optional<URI> jwks,
    Optional<String> requiredIssuer,
    Optional<String> requiredAudience,
    Duration clockSkew,
    Duration devTokenTtl,
    boolean allowDevWithAws,
    boolean allowDevOffLoopback,
    String emailClaim,
    String emailVerifiedClaim,
    Optional<String> singleUserClaim,
    Duration jwksCacheTtl,
    Duration jwksOutageTolerance) {}
