package io.chatvideo.recording.http;

import io.chatvideo.recording.http.config.InvalidConfigurationException;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.net.BindException;

/**
 * Micronaut's launcher, except that a failed start prints one line an operator can act on and
 * exits with status 1, instead of logging a stack trace.
 */
final class ServerLauncher extends Micronaut {

  static final int START_FAILED = 1;

  @Override
  protected void handleStartupException(Environment environment, Throwable exception) {
    System.err.println("recordings server did not start: " + reason(exception));
    System.exit(START_FAILED);
  }

  /** The most specific message in the cause chain, on one line. */
  static String reason(Throwable exception) {
    Throwable deepest = exception;
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof InvalidConfigurationException || t instanceof BindException) {
        return oneLine(t.getMessage());
      }
      deepest = t;
    }
    return oneLine(deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage());
  }

  private static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
