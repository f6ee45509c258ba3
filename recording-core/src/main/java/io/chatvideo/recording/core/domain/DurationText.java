package io.chatvideo.recording.core.domain;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way durations are written in settings and on the command line, so the same string works
 * in the server, the worker and the CLI: a whole number and a unit ({@code 250ms}, {@code 45s},
 * {@code 30m}, {@code 12h}, {@code 30d}), or ISO-8601 ({@code PT30M}, {@code P30D}).
 *
 * <pre>{@code
 * DurationText.parse("30d"); // Optional[PT720H]
 * DurationText.parse("a month"); // Optional.empty
 * }</pre>
 */
public final class DurationText {

  /** What a reader is told when a value does not parse. */
  public static final String EXPECTED = "a duration such as 30s, 30m, 1h, 30d or PT30M";

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|[dhms])", Pattern.CASE_INSENSITIVE);

  private DurationText() {}

  /** The duration {@code text} writes, or empty when it is not one. */
  public static Optional<Duration> parse(String text) {
    String value = text.strip();
    Matcher matcher = SHORT.matcher(value);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return Optional.of(switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
        case "d" -> Duration.ofDays(amount);
        case "h" -> Duration.ofHours(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "ms" -> Duration.ofMillis(amount);
        default -> Duration.ofSeconds(amount);
      });
    }
    try {
      return Optional.of(Duration.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
