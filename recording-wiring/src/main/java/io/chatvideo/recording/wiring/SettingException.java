package io.chatvideo.recording.wiring;

/**
 * A setting the composition cannot start with: the key, its environment variable and what is
 * wrong, on one line ({@code recording.webhook.timeout (RECORDING_WEBHOOK_TIMEOUT) 'banana' is not
 * a duration …}); each entry point prints it its way (the server's start-up failure, the CLI's error).
 */
public final class SettingException extends IllegalArgumentException {

  private final String key;
  private final String problem;

  public SettingException(String key, String problem) {
    super(key + " (" + Setting.environmentVariable(key) + ") " + problem);
    this.key = key;
    this.problem = problem;
  }

  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }
}
