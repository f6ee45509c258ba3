package io.chatvideo.recording.http.security;

import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;

/** {@link SingleUseUploadUrlCases} on the local backend; rename to {@code *IT} once branch {@code local} is merged. */
class LocalSingleUseUploadUrlChecks extends AttackedServer implements SingleUseUploadUrlCases {

  @Override
  SecurityTarget start(Path work, TestIdentityProvider idp) {
    return SecurityServers.localDev(work);
  }
}
