package io.chatvideo.recording.http.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.chatvideo.recording.core.domain.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs dev-mode tokens (HS256) with the secret from the data directory. */
final class DevTokens {

  static final String ISSUER = "recordings-dev";
  static final String AUDIENCE = "recordings-api";

  private final MACSigner signer;
  private final Clock clock;
  private final Duration ttl;

  DevTokens(byte[] secret, Clock clock, Duration ttl) {
    try {
      this.signer = new MACSigner(secret);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the dev secret is too short for HS256", e);
    }
    this.clock = clock;
    this.ttl = ttl;
  }

  Duration ttl() {
    return ttl;
  }

  String issue(UserId user) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(user.value())
        .claim("email", user.value())
        .claim("email_verified", true)
        .issueTime(Date.from(now))
        .notBeforeTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a dev token", e);
    }
    return jwt.serialize();
  }
}
