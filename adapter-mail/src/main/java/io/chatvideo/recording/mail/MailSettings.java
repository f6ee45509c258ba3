package io.chatvideo.recording.mail;

import io.chatvideo.recording.aws.AwsSettings;
import io.chatvideo.recording.core.domain.EmailAddress;
import io.chatvideo.recording.core.domain.DurationText;
import io.chatvideo.recording.core.domain.HttpUrl;
import io.chatvideo.recording.core.domain.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code recording.mail.*} settings, read and checked in one place for the server (from its
 * configuration) and for {@code recordings worker} (from the same keys' environment variables),
 * so both refuse a bad value with the same line.
 *
 * <pre>{@code
 * MailSettings mail = MailSettings.read(key -> Optional.ofNullable(env.get(MailSettingException.environmentVariable(key))));
 * }</pre>
 *
 * @param from the sender's address, required unless {@code transport} is off
 * @param publicUrl the web client's base URL; the email links to {@code publicUrl/library#recording-<id>}
 * @param smtp present with the {@code smtp} transport
 * @param sesRegion the SES region ({@code recording.mail.ses.region}, else {@code recording.aws.region})
 * @param sesEndpoint an SES-compatible endpoint instead of AWS's
 * @param timeout the bound on connecting, on each read and write (SMTP) and on one API call with its retries (SES)
 */
public record MailSettings(MailTransport transport, Optional<EmailAddress> from, Optional<HttpUrl> publicUrl,
    Optional<SmtpSettings> smtp, Optional<String> sesRegion, Optional<URI> sesEndpoint, Duration timeout) {

  public static final String TRANSPORT = "recording.mail.transport";
  public static final String FROM = "recording.mail.from";
  public static final String PUBLIC_URL = "recording.public-url";
  public static final String TIMEOUT = "recording.mail.timeout";
  public static final String SMTP_HOST = "recording.mail.smtp.host";
  public static final String SMTP_PORT = "recording.mail.smtp.port";
  public static final String SMTP_USERNAME = "recording.mail.smtp.username";
  public static final String SMTP_PASSWORD = "recording.mail.smtp.password";
  public static final String SMTP_STARTTLS = "recording.mail.smtp.starttls";
  public static final String SES_REGION = "recording.mail.ses.region";
  public static final String SES_ENDPOINT = "recording.mail.ses.endpoint";
  static final String AWS_REGION = "recording.aws.region";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MAX_TIMEOUT = Duration.ofMinutes(2);


  public MailSettings {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(publicUrl, "publicUrl");
    Objects.requireNonNull(smtp, "smtp");
    Objects.requireNonNull(sesRegion, "sesRegion");
    Objects.requireNonNull(sesEndpoint, "sesEndpoint");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** No email. */
  public static MailSettings off() {
    return new MailSettings(MailTransport.OFF, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), DEFAULT_TIMEOUT);
  }

  /**
   * Reads the settings through {@code setting} (a key's value, empty when unset or blank); a
   * {@link MailSettingException} names the first key that is wrong. With the transport off, the
   * other keys are not looked at.
   */
  public static MailSettings read(Function<String, Optional<String>> setting) {
    Function<String, Optional<String>> given = key -> setting.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    MailTransport transport = given.apply(TRANSPORT).map(text -> MailTransport.parse(text).orElseThrow(
        () -> new MailSettingException(TRANSPORT, "must be off, smtp or ses, was '" + text + "'")))
        .orElse(MailTransport.OFF);
    if (transport == MailTransport.OFF) {
      return off();
    }
    EmailAddress from = given.apply(FROM).map(text -> {
      try {
        return new EmailAddress(text);
      } catch (InvalidInputException e) {
        throw new MailSettingException(FROM, "must be an address like recordings@example.com, was '" + text + "'");
      }
    }).orElseThrow(() -> new MailSettingException(FROM, "is required with " + TRANSPORT + "=" + lower(transport)));
    HttpUrl publicUrl = given.apply(PUBLIC_URL).map(MailSettings::publicUrl).orElseThrow(() -> new MailSettingException(
        PUBLIC_URL, "is required with " + TRANSPORT + "=" + lower(transport) + ": the email links to the web client"));
    Duration timeout = given.apply(TIMEOUT).map(text -> duration(TIMEOUT, text)).orElse(DEFAULT_TIMEOUT);
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new MailSettingException(TIMEOUT, "must be 1s to 2m, was " + timeout);
    }
    Optional<SmtpSettings> smtp = Optional.empty();
    Optional<String> sesRegion = Optional.empty();
    Optional<URI> sesEndpoint = Optional.empty();
    if (transport == MailTransport.SMTP) {
      smtp = Optional.of(smtp(given));
    } else {
      String region = given.apply(SES_REGION).or(() -> given.apply(AWS_REGION)).orElseThrow(() -> new MailSettingException(
          SES_REGION, "is required with " + TRANSPORT + "=ses (or " + AWS_REGION + ")"));
      try {
        AwsSettings.checkRegion(region);
      } catch (IllegalArgumentException e) {
        throw new MailSettingException(SES_REGION, "is not usable: " + e.getMessage());
      }
      sesRegion = Optional.of(region);
      sesEndpoint = given.apply(SES_ENDPOINT).map(text -> {
        try {
          return HttpUrl.parse(text).uri();
        } catch (IllegalArgumentException e) {
          throw new MailSettingException(SES_ENDPOINT, "must be a URL like https://email.eu-west-1.amazonaws.com, was '"
              + text + "'");
        }
      });
    }
    return new MailSettings(transport, Optional.of(from), Optional.of(publicUrl), smtp, sesRegion, sesEndpoint,
        timeout);
  }

  public boolean enabled() {
    return transport != MailTransport.OFF;
  }

  private static SmtpSettings smtp(Function<String, Optional<String>> given) {
    String host = given.apply(SMTP_HOST).orElseThrow(() -> new MailSettingException(SMTP_HOST,
        "is required with " + TRANSPORT + "=smtp"));
    if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@')) {
      throw new MailSettingException(SMTP_HOST, "must be a host name or address, was '" + host + "'");
    }
    int port = given.apply(SMTP_PORT).map(text -> {
      try {
        int value = Integer.parseInt(text);
        if (value >= 1 && value <= 65_535) {
          return value;
        }
      } catch (NumberFormatException e) {
        // answered below, as an out-of-range number is
      }
      throw new MailSettingException(SMTP_PORT, "must be a port, 1 to 65535, was '" + text + "'");
    }).orElse(SmtpSettings.DEFAULT_PORT);
    Optional<String> username = given.apply(SMTP_USERNAME);
    Optional<String> password = given.apply(SMTP_PASSWORD);
    if (username.isPresent() != password.isPresent()) {
      String missing = username.isPresent() ? SMTP_PASSWORD : SMTP_USERNAME;
      throw new MailSettingException(missing, "is required with " + (username.isPresent() ? SMTP_USERNAME
          : SMTP_PASSWORD) + ": give both to log in, or neither");
    }
    boolean starttls = given.apply(SMTP_STARTTLS).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new MailSettingException(SMTP_STARTTLS, "must be true or false, was '" + text + "'");
    }).orElse(true);
    return new SmtpSettings(host, port, username, password, starttls);
  }

  private static HttpUrl publicUrl(String text) {
    try {
      return HttpUrl.publicBase(text);
    } catch (IllegalArgumentException e) {
      throw new MailSettingException(PUBLIC_URL, e.getMessage());
    }
  }

  /** As every setting's duration ({@link DurationText}). */
  private static Duration duration(String key, String text) {
    return DurationText.parse(text).orElseThrow(() -> new MailSettingException(key, "'" + text + "' is not "
        + DurationText.EXPECTED));
  }

  private static String lower(MailTransport transport) {
    return transport.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "MailSettings[transport=" + lower(transport) + ", from=" + from.map(Object::toString).orElse("-")
        + ", smtp=" + smtp.map(Object::toString).orElse("-") + ", sesRegion=" + sesRegion.orElse("-") + "]";
  }
}
