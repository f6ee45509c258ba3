package io.chatvideo.recording.http.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s text (ISO-8601 in UTC, the fraction in groups of three digits, none
 * when zero) written by hand. A page of 50 recordings shows up to 150 instants, and a profile of
 * {@code GET /recordings} put a third of the controller's time in {@code DateTimeFormatter}; this
 * writes the same characters for a fraction of that. Years outside 0000–9999 (never a recording's)
 * go to {@code Instant.toString()} itself.
 */
final class IsoInstants {

  private static final long SECONDS_PER_DAY = 86_400;

  private IsoInstants() {}

  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    if (date.getYear() < 0 || date.getYear() > 9999) {
      return instant.toString();
    }
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    char[] text = new char[30];
    int at = digits(text, 0, date.getYear(), 4);
    text[at++] = '-';
    at = digits(text, at, date.getMonthValue(), 2);
    text[at++] = '-';
    at = digits(text, at, date.getDayOfMonth(), 2);
    text[at++] = 'T';
    at = digits(text, at, secondOfDay / 3600, 2);
    text[at++] = ':';
    at = digits(text, at, secondOfDay / 60 % 60, 2);
    text[at++] = ':';
    at = digits(text, at, secondOfDay % 60, 2);
    int nano = instant.getNano();
    if (nano != 0) {
      text[at++] = '.';
      if (nano % 1_000_000 == 0) {
        at = digits(text, at, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        at = digits(text, at, nano / 1_000, 6);
      } else {
        at = digits(text, at, nano, 9);
      }
    }
    text[at++] = 'Z';
    return new String(text, 0, at);
  }

  /** Writes {@code value} as exactly {@code width} decimal digits from {@code at}; returns the next index. */
  private static int digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
