package io.chatvideo.recording.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only a verified email names its owner; a subject never collides with an email. */
class UserClaimsTest {

  @Test
  void aVerifiedEmailIsTheUser() {
    assertThat(UserClaims.DEFAULT.user(claims("victim@example.com", true, "s-1")).value())
        .isEqualTo("victim@example.com");
    assertThat(UserClaims.DEFAULT.user(new JWTClaimsSet.Builder().subject("s-1").claim("email", "victim@example.com")
        .claim("email_verified", "true").build()).value()).isEqualTo("victim@example.com");
  }

  @Test
  void anUnverifiedEmailIsIgnoredAndTheSubjectNamesTheUser() {
    assertThat(UserClaims.DEFAULT.user(claims("victim@example.com", false, "attacker-sub")).value())
        .isEqualTo("sub:attacker-sub");
    assertThat(UserClaims.DEFAULT.user(new JWTClaimsSet.Builder().subject("attacker-sub")
        .claim("email", "victim@example.com").build()).value()).isEqualTo("sub:attacker-sub");
  }

  @Test
  void aSubjectSpelledLikeAnEmailIsNotThatEmailsOwner() {
    assertThat(UserClaims.DEFAULT.user(new JWTClaimsSet.Builder().subject("victim@example.com").build()).value())
        .isEqualTo("sub:victim@example.com");
  }

  @Test
  void providersWithOtherClaimNamesOrOneClaimAreConfigurable() {
    JWTClaimsSet azure = new JWTClaimsSet.Builder().subject("s").claim("upn", "ada@example.com")
        .claim("upn_verified", true).claim("oid", "0b1c").build();
    assertThat(new UserClaims("upn", "upn_verified", Optional.empty()).user(azure).value()).isEqualTo("ada@example.com");
    assertThat(new UserClaims("email", "email_verified", Optional.of("oid")).user(azure).value()).isEqualTo("0b1c");
  }

  @Test
  void aTokenNamingNoUserIsUnauthorized() {
    assertThatThrownBy(() -> UserClaims.DEFAULT.user(new JWTClaimsSet.Builder().claim("email", "a@example.com").build()))
        .isInstanceOf(AuthenticationFailedException.class);
    assertThatThrownBy(() -> UserClaims.DEFAULT.user(claims("sub:x@example.com", true, "s")))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  private static JWTClaimsSet claims(String email, boolean verified, String subject) {
    return new JWTClaimsSet.Builder().subject(subject).claim("email", email).claim("email_verified", verified).build();
  }
}
