package io.chatvideo.recording.mail;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the SMTP server is and how to log in ({@code recording.mail.smtp.*}); each value is checked
 * here, by {@link #host(String)} and {@link #port(long)} too, so the settings reader can say which key is wrong.
 *
 * @param starttls upgrade the connection with STARTTLS, and refuse a server that cannot
 * @param username with {@code password}, log in (SMTP AUTH); neither, send without logging in
 */
public record SmtpSettings(String host, int port, Optional<String> username, Optional<String> password,
    boolean starttls) {

  public static final int DEFAULT_PORT = 587;

  public SmtpSettings {
    host(host);
    port(port);
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    if (username.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("give both the username and the password to log in, or neither");
    }
  }

  /** {@code host}, when a host name or address; else an {@code IllegalArgumentException} saying so. */
  public static String host(String host) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank() || host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
      throw new IllegalArgumentException("must be a host name or address, was '" + host + "'");
    }
    return host;
  }

  /** {@code port}, when 1 to 65535; else an {@code IllegalArgumentException} saying so. */
  public static int port(long port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("must be a port, 1 to 65535, was " + port);
    }
    return (int) port;
  }

  @Override
  public String toString() {
    // Never the password, wherever settings are logged.
    return "SmtpSettings[host=" + host + ", port=" + port + ", username=" + username.orElse("-") + ", starttls="
        + starttls + "]";
  }
}
