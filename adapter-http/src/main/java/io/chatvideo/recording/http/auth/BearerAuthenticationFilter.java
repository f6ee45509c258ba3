package io.chatvideo.recording.http.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.core.order.Ordered;
import java.util.Optional;

/**
 * Verifies the bearer token of every API request and records the {@link Caller}; a library media
 * request may carry it in its {@link MediaCookie} instead. Runs on the
 * blocking pool: fetching a provider's keys is network I/O. CORS preflights pass untouched.
 */
@ServerFilter({"/recordings", "/recordings/**"})
final class BearerAuthenticationFilter implements Ordered {

  private static final String BEARER = "Bearer ";

  private final Authentication authentication;

  BearerAuthenticationFilter(Authentication authentication) {
    this.authentication = authentication;
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  HttpResponse<?> authenticate(HttpRequest<?> request) {
    if (request.getMethod() == HttpMethod.OPTIONS) {
      return null;
    }
    String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    String token;
    if (header == null || header.isBlank()) {
      Optional<String> cookie = MediaCookie.token(request);
      if (cookie.isEmpty()) {
        return AuthenticationProblems.missing();
      }
      token = cookie.get();
    } else if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return AuthenticationProblems.unauthorized(
          new AuthenticationFailedException("the Authorization header must be 'Bearer <token>'"));
    } else {
      token = header.substring(BEARER.length()).strip();
    }
    try {
      request.setAttribute(Caller.ATTRIBUTE, new Caller(authentication.verifier().verify(token)));
      return null;
    } catch (AuthenticationFailedException e) {
      return AuthenticationProblems.unauthorized(e);
    } catch (IdentityProviderUnavailableException e) {
      return AuthenticationProblems.unavailable();
    }
  }
}
