package io.chatvideo.recording.http.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.chatvideo.recording.core.domain.InvalidInputException;
import io.chatvideo.recording.core.domain.UserId;
import io.chatvideo.recording.http.config.AuthSettings;
import java.util.Optional;

/**
 * Which claims of a verified token name the user. By default the email, only when the provider
 * says it verified it, else {@code sub:} and the subject (so an unverified or self-chosen email,
 * or a subject that looks like an email, is never someone else's account); or, when configured,
 * one claim taken as it is.
 */
record UserClaims(String emailClaim, String emailVerifiedClaim, Optional<String> singleClaim) {

  static final UserClaims DEFAULT = new UserClaims("email", "email_verified", Optional.empty());

  static UserClaims of(AuthSettings settings) {
    return new UserClaims(settings.emailClaim(), settings.emailVerifiedClaim(), settings.singleUserClaim());
  }

  UserId user(JWTClaimsSet claims) {
    try {
      if (singleClaim.isPresent()) {
        Object value = claims.getClaim(singleClaim.get());
        if (!(value instanceof String id)) {
          throw new AuthenticationFailedException("the bearer token names no user");
        }
        return UserId.of(id);
      }
      Object email = claims.getClaim(emailClaim);
      if (email instanceof String address && !address.isBlank() && verified(claims.getClaim(emailVerifiedClaim))) {
        return UserId.ofVerifiedEmail(address);
      }
      String subject = claims.getSubject();
      if (subject == null || subject.isBlank()) {
        throw new AuthenticationFailedException("the bearer token names no user");
      }
      return UserId.ofSubject(subject);
    } catch (InvalidInputException e) {
      throw new AuthenticationFailedException("the bearer token's user claim is not a usable user id");
    }
  }

  /** Cognito and Auth0 send a boolean; some providers send the string "true". */
  private static boolean verified(Object claim) {
    return Boolean.TRUE.equals(claim) || "true".equals(claim);
  }
}
