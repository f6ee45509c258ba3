package io.chatvideo.recording.cli.terminal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * A point in time as people type it after {@code --since} or {@code --until}: an age ({@code 7d},
 * {@code 12h}, {@code 90m}: that long before now), a date ({@code 2026-12-01}: the start of that day
 * in the local time zone) or an ISO-8601 instant with its offset ({@code 2026-12-01T08:00:00Z}).
 */
public final class TimeArgument {

  private TimeArgument() {}

  /** The instant {@code text} names; an {@link IllegalArgumentException} saying the accepted forms. */
  public static Instant parse(String text, Instant now, ZoneId zone) {
    String value = text.strip();
    if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        return LocalDate.parse(value).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    if (value.contains("T")) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    Duration age;
    try {
      age = new DurationConverter().convert(value);
    } catch (RuntimeException e) {
      throw invalid(text);
    }
    if (age.isNegative()) {
      throw invalid(text);
    }
    return now.minus(age);
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not an age like 7d or 12h, a date like 2026-12-01,"
        + " or an instant like 2026-12-01T08:00:00Z");
  }
}
