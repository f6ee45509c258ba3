package io.chatvideo.recording.http.security;

import static io.chatvideo.recording.http.security.Attack.room;
import static io.chatvideo.recording.http.security.Attack.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Attacks on jwt mode, with tokens an identity provider would or would never sign. */
interface JwtAttackCases {

  SecurityTarget target();

  private TestIdentityProvider idp() {
    return target().idp().orElseThrow();
  }

  private Api.Reply list(String token) {
    return target().api().get("/recordings", token);
  }

  private void unauthorized(String token) {
    Api.Reply reply = list(token);
    assertThat(reply.status()).as("%s", reply).isEqualTo(401);
    assertThat(reply.text()).doesNotContain(TestIdentityProvider.ISSUER).doesNotContain(TestIdentityProvider.AUDIENCE);
  }

  @Test
  default void expiredTokenIs401() {
    Instant past = Instant.now().minusSeconds(3600);
    unauthorized(idp().rs256(TestIdentityProvider.claims(user()).issueTime(Date.from(past.minusSeconds(60)))
        .expirationTime(Date.from(past)).build()));
  }

  @Test
  default void tokenNotValidYetIs401() {
    unauthorized(idp().rs256(TestIdentityProvider.claims(user()).notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))
        .build()));
  }

  @Test
  default void tokenOfAnotherIssuerOrAudienceIs401WithoutNamingTheExpectedOnes() {
    unauthorized(idp().rs256(TestIdentityProvider.claims(user()).issuer("https://evil.example.test").build()));
    unauthorized(idp().rs256(TestIdentityProvider.claims(user()).audience("another-app").build()));
  }

  @Test
  default void unknownKeyIdIs401EveryTimeNot503() throws JOSEException {
    String token = TestIdentityProvider.sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID("rsa-404").generate()),
        JWSAlgorithm.RS256, "rsa-404", TestIdentityProvider.claims(user()).build());
    for (int i = 0; i < 5; i++) {
      unauthorized(token);
    }
  }

  @Test
  default void hs256SignedWithTheProvidersPublicKeyIs401() throws JOSEException {
    byte[] der = idp().rsa().toPublicJWK().toRSAPublicKey().getEncoded();
    byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    for (byte[] secret : new byte[][] {der, pem}) {
      unauthorized(TestIdentityProvider.sign(new MACSigner(secret), JWSAlgorithm.HS256, "rsa-1",
          TestIdentityProvider.claims(user()).build()));
    }
  }

  @Test
  default void anUnverifiedEmailDoesNotMakeItsHolderThatUser() {
    String victim = user();
    String room = room();
    String id = Attack.completed(target().api(), target().token(victim), room);
    String attacker = idp().rs256(TestIdentityProvider.claims(victim).subject("attacker-sub")
        .claim("email_verified", false).build());

    assertThat(target().api().get("/recordings/" + id, attacker).status()).isEqualTo(404);
    assertThat(list(attacker).json().get("recordings")).isEmpty();
    assertThat(target().api().get("/recordings?room_id=" + room, attacker).json().get("recordings")).isEmpty();
  }

  @Test
  default void aSubjectSpelledLikeAnEmailIsNotThatEmailsOwner() {
    String victim = user();
    String id = Attack.completed(target().api(), target().token(victim), room());
    String attacker = idp().rs256(TestIdentityProvider.claims("x").claim("email", null).claim("email_verified", null)
        .subject(victim).build());

    assertThat(target().api().get("/recordings/" + id, attacker).status()).isEqualTo(404);
    assertThat(list(attacker).json().get("recordings")).isEmpty();
  }
}
