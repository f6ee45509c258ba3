package io.chatvideo.recording.cli.terminal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Byte counts for people: {@code 1536} prints as {@code 1.5 KiB}; {@code 5MiB} parses as 5,242,880. */
public final class ByteSize implements CommandLine.ITypeConverter<Long> {

  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*([KMGT]?)(?:i?B)?", Pattern.CASE_INSENSITIVE);

  public static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    int unit = 0;
    double value = bytes;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
  }

  static long parse(String text) {
    Matcher matcher = TEXT.matcher(text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a size like 5242880, 5MiB or 64M");
    }
    int shift = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
      case "K" -> 10;
      case "M" -> 20;
      case "G" -> 30;
      case "T" -> 40;
      default -> 0;
    };
    long number = Long.parseLong(matcher.group(1));
    if (number > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("'" + text + "' is too large");
    }
    return number << shift;
  }

  @Override
  public Long convert(String value) {
    try {
      return parse(value);
    } catch (NumberFormatException e) {
      throw new CommandLine.TypeConversionException("'" + value + "' is too large");
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
