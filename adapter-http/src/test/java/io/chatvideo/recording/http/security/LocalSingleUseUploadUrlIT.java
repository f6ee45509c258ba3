package io.chatvideo.recording.http.security;

import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;

/** Replayed upload URLs and page tokens on the local backend. */
class LocalSingleUseUploadUrlIT extends AttackedServer implements SingleUseUploadUrlCases, SealedCursorCases {

  @Override
  SecurityTarget start(Path work, TestIdentityProvider idp) {
    return SecurityServers.localDev(work);
  }
}
