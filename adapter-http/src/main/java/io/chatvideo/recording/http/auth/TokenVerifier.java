package io.chatvideo.recording.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.UserId;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks bearer tokens with nimbus-jose-jwt and names the user: the {@code email} claim, else
 * {@code sub}. Only the algorithms given are accepted (so {@code none} and HS/RS confusion fail),
 * the signature, {@code iss}, {@code aud}, {@code exp} (required) and {@code nbf} are checked.
 */
final class TokenVerifier {

  static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private final DefaultJWTProcessor<SecurityContext> processor;

  private TokenVerifier(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys, String issuer, String audience,
      Duration clockSkew) {
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    // Nimbus asks these sets whether they contain null, which Set.of answers with an exception.
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        new HashSet<>(Set.of(audience)), new JWTClaimsSet.Builder().issuer(issuer).build(),
        new HashSet<>(Set.of("exp")), new HashSet<>());
    claims.setMaxClockSkew(Math.toIntExact(clockSkew.toSeconds()));
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** Tokens of an identity provider (Cognito, Auth0, …) whose keys are published at {@code jwksUrl}, cached. */
  static TokenVerifier jwks(URL jwksUrl, String issuer, String audience, Duration clockSkew) {
    JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl).build();
    return new TokenVerifier(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys, issuer, audience, clockSkew);
  }

  /** Tokens this server signed itself with the dev secret. */
  static TokenVerifier devSecret(byte[] secret, Duration clockSkew) {
    return new TokenVerifier(Set.of(JWSAlgorithm.HS256), new ImmutableSecret<>(secret), DevTokens.ISSUER,
        DevTokens.AUDIENCE, clockSkew);
  }

  /** The user the token speaks for. */
  UserId verify(String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new AuthenticationFailedException("the bearer token is too long");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new AuthenticationFailedException("the bearer token is not a JWT");
    } catch (BadJWTException e) {
      throw new AuthenticationFailedException("the bearer token was rejected: " + e.getMessage());
    } catch (BadJOSEException e) {
      throw new AuthenticationFailedException("the bearer token's signature or algorithm was rejected");
    } catch (KeySourceException e) {
      throw new IdentityProviderUnavailableException("cannot fetch the identity provider's keys", e);
    } catch (JOSEException e) {
      throw new AuthenticationFailedException("the bearer token could not be verified");
    }
    return user(claims);
  }

  private static UserId user(JWTClaimsSet claims) {
    try {
      String email = claims.getStringClaim("email");
      String id = email != null && !email.isBlank() ? email : claims.getSubject();
      if (id == null) {
        throw new AuthenticationFailedException("the bearer token names no user (no email or sub claim)");
      }
      return UserId.of(id);
    } catch (ParseException | InvalidInputException e) {
      throw new AuthenticationFailedException("the bearer token's email or sub claim is not a usable user id");
    }
  }
}
