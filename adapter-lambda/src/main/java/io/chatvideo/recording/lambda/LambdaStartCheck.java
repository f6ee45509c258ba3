package io.chatvideo.recording.lambda;

import io.chatvideo.recording.http.config.AuthMode;
import io.chatvideo.recording.http.config.InvalidConfigurationException;
import io.chatvideo.recording.wiring.Setting;
import io.chatvideo.recording.wiring.SettingException;
import io.chatvideo.recording.wiring.SettingReader;
import io.chatvideo.recording.wiring.SettingsSource;
import io.chatvideo.recording.wiring.WiringSettings;
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
    SettingsSource source = key -> environment.getProperty(key, String.class);
    SettingReader read = new SettingReader(source);
    try {
      if (read.choice(Setting.AUTH_MODE, AuthMode.class) != AuthMode.JWT) {
        throw new SettingException(Setting.AUTH_MODE.key(), "must be jwt in AWS Lambda: dev mode hands "
            + "out tokens to anyone who reaches the API; set the identity provider's JWKS URL, issuer and audience");
      }
      if (!WiringSettings.awsBackend(source)) {
        throw new SettingException(Setting.BACKEND.key(), "must be aws in AWS Lambda: the local backend "
            + "keeps recordings on a disk that goes away with the function's instance");
      }
      if (read.text(Setting.PUBLIC_URL).isEmpty()) {
        throw new SettingException(Setting.PUBLIC_URL.key(), "is required in AWS Lambda: the API's URL "
            + "(e.g. https://abc123.execute-api.eu-west-1.amazonaws.com), which share links are made on; a request's "
            + "Host header is never used for them");
      }
    } catch (SettingException e) {
      throw new InvalidConfigurationException(e.key(), e.problem());
    }
  }
}
