package io.chatvideo.recording.http.auth;

import io.chatvideo.recording.core.domain.UserId;
import io.micronaut.http.HttpRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * The authenticated user of a request. A controller that takes a {@code Caller} parameter can
 * only run for a request whose bearer token was verified.
 */
public record Caller(UserId user) {

  static final String ATTRIBUTE = "io.chatvideo.recording.caller";

  public Caller {
    Objects.requireNonNull(user, "user");
  }

  /** The caller the bearer filter verified for {@code request}, if it did. */
  public static Optional<Caller> of(HttpRequest<?> request) {
    return request.getAttribute(ATTRIBUTE, Caller.class);
  }
}
