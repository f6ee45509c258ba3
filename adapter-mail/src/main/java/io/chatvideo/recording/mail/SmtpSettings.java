package io.chatvideo.recording.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the SMTP server is and how to log in: {@code recording.mail.smtp.*}.
 *
 * @param starttls upgrade the connection with STARTTLS, and refuse a server that cannot
 * @param username with {@code password}, log in (SMTP AUTH); neither, send without logging in
 */
public record SmtpSettings(String host, int port, Optional<String> username, Optional<String> password,
    boolean starttls) {

  public static final int DEFAULT_PORT = 587;

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    // Never the password, wherever settings are logged.
    return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username.orElse("-") + ", starttls="
        + starttls + "]";
  }
}
