package io.chatvideo.recording.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.chatvideo.recording.core.testing.MutableClock;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.net.MalformedURLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's keys on the server's clock: a stale-while-revalidate cache that rides out an
 * outage, and an unknown key id that is a 401 however often it comes.
 */
class ProviderKeysTest {

  private final TestIdentityProvider idp = new TestIdentityProvider();
  private final MutableClock clock = new MutableClock(Instant.now());
  private final TokenVerifier verifier;

  ProviderKeysTest() throws MalformedURLException {
    verifier = TokenVerifier.jwks(new ProviderKeys(idp.jwksUrl().toURL(), Duration.ofMinutes(5), Duration.ofHours(24),
        clock), TestIdentityProvider.ISSUER, TestIdentityProvider.AUDIENCE, Duration.ofSeconds(30), UserClaims.DEFAULT);
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  private String token() {
    return idp.rs256(TestIdentityProvider.claims("ada@example.com").build());
  }

  @Test
  void anOutageLongerThanTheCacheTimeKeepsTheLastKeysWorking() {
    assertThat(verifier.verify(token()).value()).isEqualTo("ada@example.com");
    idp.down(true);
    clock.advance(Duration.ofHours(2));

    assertThat(verifier.verify(token()).value()).isEqualTo("ada@example.com");
    assertThat(idp.fetches()).isGreaterThan(1);
  }

  @Test
  void anOutageLongerThanTheToleranceIsUnavailableNotUnauthorized() {
    verifier.verify(token());
    idp.down(true);
    clock.advance(Duration.ofHours(25));

    assertThatThrownBy(() -> verifier.verify(token())).isInstanceOf(IdentityProviderUnavailableException.class);
  }

  @Test
  void anUnknownKeyIdIsUnauthorizedEveryTimeAndRefetchesAtMostEveryThirtySeconds() throws JOSEException {
    verifier.verify(token());
    String unknown = TestIdentityProvider.sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID("rsa-9").generate()),
        JWSAlgorithm.RS256, "rsa-9", TestIdentityProvider.claims("ada@example.com").build());
    int before = idp.fetches();

    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> verifier.verify(unknown)).isInstanceOf(AuthenticationFailedException.class);
    }
    assertThat(idp.fetches() - before).isLessThanOrEqualTo(1);
  }

  @Test
  void rejectionsNeverEchoTheExpectedIssuerOrAudience() {
    String foreign = idp.rs256(TestIdentityProvider.claims("ada@example.com").issuer("https://evil.example.test")
        .audience("other").build());

    assertThatThrownBy(() -> verifier.verify(foreign)).isInstanceOf(AuthenticationFailedException.class)
        .message().doesNotContain(TestIdentityProvider.ISSUER).doesNotContain(TestIdentityProvider.AUDIENCE)
        .doesNotContain("evil");
  }
}
