package io.chatvideo.recording.http.security;

import io.chatvideo.recording.http.support.Api;
import io.chatvideo.recording.http.support.ServerProcess;
import io.chatvideo.recording.http.support.TestIdentityProvider;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A running server jar under attack: how to reach it, where its data and web directories are (to
 * check that no secret of theirs leaks), how a legitimate user gets a token, and, in jwt mode, the
 * identity provider whose keys it trusts.
 */
record SecurityTarget(ServerProcess server, Api api, Path data, Path web, Function<String, String> tokenFor,
    Optional<TestIdentityProvider> idp, boolean localBackend) {

  /** A token of the legitimate user {@code email}: a dev token, or one the identity provider signs. */
  String token(String email) {
    return tokenFor.apply(email);
  }
}
