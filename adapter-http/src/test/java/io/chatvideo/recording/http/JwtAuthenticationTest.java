package io.chatvideo.recording.http;

import static io.chatvideo.recording.http.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.TempDirectory;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * jwt mode against a stand-in identity provider's JWKS: good RS256 and ES256 tokens name the user
 * (verified email, else sub: + sub); every forged, stale or foreign token is a 401 problem.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAuthenticationTest implements TestPropertyProvider {

  private final TestIdentityProvider idp = new TestIdentityProvider();
  private final TempDirectory data = new TempDirectory("recordings-jwt");

  @Inject
  EmbeddedServer server;

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "recording.data-dir", data.path().toString(),
        "recording.auth.mode", "jwt",
        "recording.auth.jwks-url", idp.jwksUrl().toString(),
        "recording.auth.issuer", TestIdentityProvider.ISSUER,
        "recording.auth.audience", TestIdentityProvider.AUDIENCE);
  }

  @AfterAll
  void stop() {
    idp.close();
    data.close();
  }

  private Api api() {
    return new Api(server.getURI());
  }

  private static String email() {
    return "user-" + UUID.randomUUID() + "@example.com";
  }

  private void assertUnauthorized(String token) {
    Api.Reply reply = api().get("/recordings", token);
    assertProblem(reply, 401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void rs256AndEs256TokensOfTheSameEmailAreTheSameUser() {
    String email = email();
    String rs = idp.rs256(TestIdentityProvider.claims(email).build());
    String es = idp.es256(TestIdentityProvider.claims(email).subject("another-sub").build());

    Api.Reply created = api().post("/recordings/upload-url", rs, "{\"room_id\":\"jwt-room\"}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);

    Api.Reply listed = api().get("/recordings", es);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().get("recordings").get(0).get("recording_id").asText())
        .isEqualTo(created.json().get("recording_id").asText());
  }

  @Test
  void withoutAnEmailClaimTheSubjectIsTheUser() {
    String subject = "cognito-sub-" + UUID.randomUUID();
    String subOnly = idp.rs256(TestIdentityProvider.claims("x").claim("email", null).subject(subject).build());
    String sameSubWithEmail = idp.rs256(TestIdentityProvider.claims(email()).subject(subject).build());

    assertThat(api().post("/recordings/upload-url", subOnly, "{\"room_id\":\"jwt-room\"}").status()).isEqualTo(201);

    assertThat(api().get("/recordings", subOnly).json().get("recordings")).hasSize(1);
    assertThat(api().get("/recordings", sameSubWithEmail).json().get("recordings")).isEmpty();
  }

  @Test
  void missingTokenIsUnauthorized() {
    assertUnauthorized(null);
  }

  @Test
  void malformedTokensAreUnauthorized() {
    assertUnauthorized("not-a-jwt");
    assertUnauthorized("a.b.c");
    assertUnauthorized("eyJhbGciOiJSUzI1NiJ9..");
  }

  @Test
  void unsecuredAlgNoneTokenIsUnauthorized() {
    assertUnauthorized(new PlainJWT(TestIdentityProvider.claims(email()).build()).serialize());
  }

  @Test
  void hs256TokenSignedWithTheRsaPublicKeyIsUnauthorized() throws JOSEException {
    byte[] publicKeyAsSecret = idp.rsa().toPublicJWK().toRSAPublicKey().getEncoded();
    byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(publicKeyAsSecret)
        + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    for (byte[] secret : new byte[][] {publicKeyAsSecret, pem}) {
      assertUnauthorized(TestIdentityProvider.sign(new MACSigner(secret), JWSAlgorithm.HS256, "rsa-1",
          TestIdentityProvider.claims(email()).build()));
    }
  }

  @Test
  void expiredTokenIsUnauthorized() {
    Instant past = Instant.now().minusSeconds(600);
    assertUnauthorized(idp.rs256(TestIdentityProvider.claims(email())
        .issueTime(Date.from(past.minusSeconds(600))).expirationTime(Date.from(past)).build()));
  }

  @Test
  void tokenNotValidBeforeAFutureTimeIsUnauthorized() {
    assertUnauthorized(idp.rs256(TestIdentityProvider.claims(email())
        .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()));
  }

  @Test
  void tokenWithoutExpiryIsUnauthorized() {
    assertUnauthorized(idp.rs256(TestIdentityProvider.claims(email()).expirationTime(null).build()));
  }

  @Test
  void tokenOfAnotherIssuerIsUnauthorized() {
    assertUnauthorized(idp.rs256(TestIdentityProvider.claims(email()).issuer("https://evil.example.test").build()));
  }

  @Test
  void tokenForAnotherAudienceIsUnauthorized() {
    assertUnauthorized(idp.rs256(TestIdentityProvider.claims(email()).audience("another-app").build()));
  }

  @Test
  void tamperedTokenIsUnauthorized() {
    String token = idp.rs256(TestIdentityProvider.claims("victim@example.com").build());
    String[] parts = token.split("\\.");
    String forgedClaims = Base64URL.encode(TestIdentityProvider.claims("attacker@example.com").build().toString())
        .toString();

    assertUnauthorized(parts[0] + "." + forgedClaims + "." + parts[2]);
    assertUnauthorized(parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA");
  }

  @Test
  void tokenSignedByAnUnknownKeyWithAKnownKeyIdIsUnauthorized() throws JOSEException {
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();

    assertUnauthorized(TestIdentityProvider.sign(new RSASSASigner(stranger), JWSAlgorithm.RS256, "rsa-1",
        TestIdentityProvider.claims(email()).build()));
  }

  @Test
  void authorizationHeaderOtherThanBearerIsUnauthorized() {
    Api.Reply reply = api().exchange(java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/recordings"))
        .header("Authorization", "Basic YWxpY2U6c2VjcmV0").GET().build());

    assertProblem(reply, 401);
  }

  @Test
  void devTokensAreNotHandedOutInJwtMode() {
    assertProblem(api().post("/dev/token", null, "{\"email\":\"a@example.com\"}"), 404);
  }
}
