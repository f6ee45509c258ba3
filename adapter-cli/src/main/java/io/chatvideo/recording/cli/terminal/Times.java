package io.chatvideo.recording.cli.terminal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Instants as people read them: local ISO date and time to the second, e.g. {@code 2025-06-01 14:03:22}. */
public final class Times {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private Times() {}

  public static String local(Instant instant, ZoneId zone) {
    return instant == null ? "-" : LOCAL.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
  }
}
