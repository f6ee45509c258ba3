package io.chatvideo.recording.local.sqlite;

import io.chatvideo.recording.core.domain.InvalidInputException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a listing stopped: the {@code (created_at, id)} of the last row handed out. The next page
 * starts strictly after it in {@code created_at DESC, id DESC} order, so rows inserted or deleted
 * meanwhile never make another row appear twice or be skipped.
 */
record ListingCursor(long createdAtNanos, String id) {

  private static final Pattern FORMAT = Pattern.compile(
      "-?\\d{1,19}\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  static ListingCursor parse(String text) {
    if (text == null || !FORMAT.matcher(text).matches()) {
      throw invalid();
    }
    int dot = text.indexOf('.');
    try {
      String id = text.substring(dot + 1);
      if (!UUID.fromString(id).toString().equals(id)) {
        throw invalid();
      }
      return new ListingCursor(Long.parseLong(text.substring(0, dot)), id);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  String format() {
    return createdAtNanos + "." + id;
  }

  private static InvalidInputException invalid() {
    return new InvalidInputException("next_token", "is not a cursor of this listing; start again without it");
  }
}
