package io.chatvideo.recording.http.auth;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Gives controllers the {@link Caller} the filter verified. A route outside the filter's paths
 * that asks for a caller fails closed with 401 instead of running unauthenticated.
 */
@Singleton
final class CallerBinder implements TypedRequestArgumentBinder<Caller> {

  @Override
  public Argument<Caller> argumentType() {
    return Argument.of(Caller.class);
  }

  @Override
  public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
    Caller caller = source.getAttribute(Caller.ATTRIBUTE, Caller.class)
        .orElseThrow(() -> new AuthenticationFailedException("this endpoint needs a bearer token"));
    return () -> Optional.of(caller);
  }
}
