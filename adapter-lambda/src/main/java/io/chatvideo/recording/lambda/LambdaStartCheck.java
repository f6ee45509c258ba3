package io.chatvideo.recording.lambda;

import io.chatvideo.recording.http.config.AuthMode;
import io.chatvideo.recording.http.config.BackendKind;
import io.chatvideo.recording.http.config.InvalidConfigurationException;
import io.micronaut.context.env.Environment;

/**
 * What a Lambda refuses before any bean is made: dev mode (anyone reaching the API could mint
 * tokens, and its secret would live on a disk that is gone with the instance) and the local backend
 * (its files and database would too). Both are the defaults of the server, so a function must say
 * {@code RECORDING_AUTH_MODE=jwt} and {@code RECORDING_BACKEND=aws}. A function binds no address
 * its links could be built on, and a request's {@code Host} is never believed, so it must also say
 * {@code RECORDING_PUBLIC_URL} (the API's URL, which share links are made on).
 */
final class LambdaStartCheck {

  private LambdaStartCheck() {}

  static void check(Environment environment) {
    if (!environment.isRunning()) {
      environment.start();
    }
    AuthMode auth = environment.getProperty("recording.auth.mode", AuthMode.class).orElse(AuthMode.DEV);
    if (auth != AuthMode.JWT) {
      throw new InvalidConfigurationException("recording.auth.mode", "must be jwt in AWS Lambda: dev mode hands "
          + "out tokens to anyone who reaches the API; set the identity provider's JWKS URL, issuer and audience");
    }
    BackendKind backend = environment.getProperty(BackendKind.PROPERTY, BackendKind.class).orElse(BackendKind.LOCAL);
    if (backend != BackendKind.AWS) {
      throw new InvalidConfigurationException(BackendKind.PROPERTY, "must be aws in AWS Lambda: the local backend "
          + "keeps recordings on a disk that goes away with the function's instance");
    }
    if (environment.getProperty("recording.public-url", String.class).filter(url -> !url.isBlank()).isEmpty()) {
      throw new InvalidConfigurationException("recording.public-url", "is required in AWS Lambda: the API's URL "
          + "(e.g. https://abc123.execute-api.eu-west-1.amazonaws.com), which share links are made on; a request's "
          + "Host header is never used for them");
    }
  }
}
