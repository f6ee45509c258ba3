package io.chatvideo.recording.http.config;

import java.util.Locale;

/** A setting the server cannot start with; the message is the one line an operator sees. */
public final class InvalidConfigurationException extends RuntimeException {

  public InvalidConfigurationException(String key, String problem) {
    super("invalid configuration: " + key + " (" + environmentVariable(key) + ") " + problem);
  }

  /** The environment variable Micronaut maps onto {@code key}, e.g. {@code RECORDING_UPLOAD_URL_EXPIRY}. */
  static String environmentVariable(String key) {
    return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
