package io.chatvideo.recording.http.auth;

import io.chatvideo.recording.http.config.AuthSettings;
import io.chatvideo.recording.http.config.ServerSettings;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import java.net.MalformedURLException;
import java.time.Clock;
import java.util.Optional;

/** Picks the token check of the configured auth mode; {@link ServerSettings} has checked the settings. */
@Factory
final class AuthenticationFactory {

  @Context
  Authentication authentication(ServerSettings settings, Clock clock) throws MalformedURLException {
    AuthSettings auth = settings.auth();
    return switch (auth.mode()) {
      case DEV -> {
        byte[] secret = DevSecret.loadOrCreate(settings.recording().dataDir());
        yield new Authentication(TokenVerifier.devSecret(secret, auth.clockSkew()),
            Optional.of(new DevTokens(secret, clock, auth.devTokenTtl())));
      }
      case JWT -> new Authentication(
          TokenVerifier.jwks(new ProviderKeys(auth.jwks().orElseThrow().toURL(), auth.jwksCacheTtl(),
                  auth.jwksOutageTolerance(), clock),
              auth.requiredIssuer().orElseThrow(), auth.requiredAudience().orElseThrow(), auth.clockSkew(),
              UserClaims.of(auth)),
          Optional.empty());
    };
  }
}
