package io.chatvideo.recording.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.chatvideo.recording.core.domain.UserId;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks bearer tokens with nimbus-jose-jwt and names the user by {@link UserClaims}. Only the
 * algorithms given are accepted (so {@code none} and HS/RS confusion fail), the signature, {@code
 * iss}, {@code aud}, {@code exp} (required) and {@code nbf} are checked. A rejection is told in a
 * fixed sentence per kind: never the expected issuer or audience, nor anything from the token.
 */
final class TokenVerifier {

  static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private final DefaultJWTProcessor<SecurityContext> processor;
  private final UserClaims users;

  private TokenVerifier(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys, String issuer, String audience,
      Duration clockSkew, UserClaims users) {
    this.users = users;
    processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    // Nimbus asks these sets whether they contain null, which Set.of answers with an exception.
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        new HashSet<>(Set.of(audience)), new JWTClaimsSet.Builder().issuer(issuer).build(),
        new HashSet<>(Set.of("exp")), new HashSet<>());
    claims.setMaxClockSkew(Math.toIntExact(clockSkew.toSeconds()));
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** Tokens of an identity provider (Cognito, Auth0, …) whose keys {@code keys} fetches and caches. */
  static TokenVerifier jwks(JWKSource<SecurityContext> keys, String issuer, String audience, Duration clockSkew,
      UserClaims users) {
    return new TokenVerifier(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256), keys, issuer, audience, clockSkew,
        users);
  }

  /** Tokens this server signed itself with the dev secret; they carry a verified email. */
  static TokenVerifier devSecret(byte[] secret, Duration clockSkew) {
    return new TokenVerifier(Set.of(JWSAlgorithm.HS256), new ImmutableSecret<>(secret), DevTokens.ISSUER,
        DevTokens.AUDIENCE, clockSkew, UserClaims.DEFAULT);
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
      throw new AuthenticationFailedException(rejection(e));
    } catch (BadJOSEException e) {
      throw new AuthenticationFailedException("the bearer token's signature or algorithm was rejected");
    } catch (KeySourceException e) {
      throw new IdentityProviderUnavailableException("cannot fetch the identity provider's keys", e);
    } catch (JOSEException e) {
      throw new AuthenticationFailedException("the bearer token could not be verified");
    }
    return users.user(claims);
  }

  /** Nimbus's messages name the expected issuer and audience; these name only the kind of failure. */
  private static String rejection(BadJWTException e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Expired JWT")) {
      return "the bearer token has expired";
    }
    if (message.startsWith("JWT before use time")) {
      return "the bearer token is not valid yet";
    }
    if (message.startsWith("JWT missing required claims")) {
      return "the bearer token lacks a required claim (exp, iss or aud)";
    }
    return "the bearer token was issued by another issuer or for another audience";
  }
}
