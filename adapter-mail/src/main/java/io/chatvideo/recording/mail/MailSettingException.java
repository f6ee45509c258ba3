package io.chatvideo.recording.mail;

import java.util.Locale;

/**
 * A mail setting that cannot be used: {@link #key()} names it ({@code recording.mail.smtp.port}),
 * {@link #problem()} says what is wrong; the message is both and the environment variable, one line.
 */
public final class MailSettingException extends IllegalArgumentException {

  private final String key;
  private final String problem;

  MailSettingException(String key, String problem) {
    super(key + " (" + environmentVariable(key) + ") " + problem);
    this.key = key;
    this.problem = problem;
  }

  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }

  /** The variable a setting is read from outside Micronaut, as Micronaut maps it: {@code RECORDING_MAIL_SMTP_PORT}. */
  public static String environmentVariable(String key) {
    return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
