package io.chatvideo.recording.http.auth;

import io.chatvideo.recording.core.domain.UserId;
import java.util.Objects;

/**
 * The authenticated user of a request. A controller that takes a {@code Caller} parameter can
 * only run for a request whose bearer token was verified.
 */
public record Caller(UserId user) {

  static final String ATTRIBUTE = "io.chatvideo.recording.caller";

  public Caller {
    Objects.requireNonNull(user, "user");
  }
}
