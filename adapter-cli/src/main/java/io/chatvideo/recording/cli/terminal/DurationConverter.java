package io.chatvideo.recording.cli.terminal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as operators write them: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, {@code 250ms},
 * or ISO {@code P30D}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})\\s*(ms|[dhms])", Pattern.CASE_INSENSITIVE);

  @Override
  public Duration convert(String value) {
    Matcher matcher = SHORT.matcher(value.strip());
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
        case "d" -> Duration.ofDays(amount);
        case "h" -> Duration.ofHours(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "ms" -> Duration.ofMillis(amount);
        default -> Duration.ofSeconds(amount);
      };
    }
    try {
      return Duration.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30d, 12h or P30D");
    }
  }
}
