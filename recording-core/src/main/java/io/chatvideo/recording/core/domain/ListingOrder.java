package io.chatvideo.recording.core.domain;

import java.util.Locale;

/** The order of a listing by {@code created_at} (ties broken by id the same way). */
public enum ListingOrder {
  NEWEST,
  OLDEST;

  /** The name on the wire: {@code newest} or {@code oldest}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The order named {@code text} on the wire; anything else is invalid input on {@code sort}. */
  public static ListingOrder parse(String text) {
    for (ListingOrder order : values()) {
      if (order.wireName().equals(text)) {
        return order;
      }
    }
    throw new InvalidInputException("sort", "must be newest or oldest, was '" + RecordingFilter.shown(text) + "'");
  }
}
