package io.chatvideo.recording.http.security;

import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;

/** The attack suite against the jar in jwt mode on the local backend. */
class LocalJwtSecurityIT extends AttackedServer implements SecurityCases, JwtAttackCases {

  @Override
  SecurityTarget start(Path work, TestIdentityProvider idp) {
    return SecurityServers.localJwt(work, idp);
  }
}
