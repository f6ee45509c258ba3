package io.chatvideo.recording.http.config;

import io.chatvideo.recording.wiring.Setting;

/**
 * A setting the server cannot start with; the message is the one line an operator sees, in the
 * shape every entry point uses: key, environment variable, problem.
 */
public final class InvalidConfigurationException extends RuntimeException {

  public InvalidConfigurationException(String key, String problem) {
    super("invalid configuration: " + key + " (" + Setting.environmentVariable(key) + ") " + problem);
  }
}
