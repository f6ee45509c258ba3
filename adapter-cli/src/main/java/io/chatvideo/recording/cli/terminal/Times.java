package io.chatvideo.recording.cli.terminal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Instants as people read them: local ISO date and time to the second, e.g. {@code 2025-06-01 14:03:22}. */
public final class Times {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private Times() {}

  public static String local(Instant instant, ZoneId zone) {
    return instant == null ? "-" : LOCAL.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
  }

  /** A recording's length as players show it, to the nearest second: {@code 0:03}, {@code 12:05}, {@code 1:02:03}. */
  public static String duration(Long millis) {
    if (millis == null || millis < 0) {
      return "-";
    }
    long seconds = Math.round(millis / 1000.0);
    long hours = seconds / 3600;
    long minutes = seconds / 60 % 60;
    return hours > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", minutes, seconds % 60);
  }
}
