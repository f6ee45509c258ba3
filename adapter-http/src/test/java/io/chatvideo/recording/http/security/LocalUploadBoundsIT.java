package io.chatvideo.recording.http.security;

import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;

/** The bounds of open uploads on the local backend: capability URLs, SQLite ledger. */
class LocalUploadBoundsIT extends AttackedServer implements UploadBoundCases {

  @Override
  SecurityTarget start(Path work, TestIdentityProvider idp) {
    return SecurityServers.localDev(work, SecurityServers.BOUNDS);
  }
}
